package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

// Demo ids. A real host maps its own users to members it created.
const (
	demoTeam     = "east-1"
	demoManager  = "wang"
	demoRep      = "li"
	demoOtherRep = "zhang"
	demoCustomer = "hengtong"
)

// seed creates the demo team, its members and one customer, once: a store
// that already knows the manager is left as it is.
func seed(ctx context.Context, s storage.Store) error {
	_, err := s.Member(ctx, demoManager)
	if err == nil {
		return nil
	}
	if !errors.Is(err, salesrec.ErrNotFound) {
		return err
	}
	if _, err := s.CreateTeam(ctx, salesrec.Team{ID: demoTeam, Name: "华东销售一组", TimeZone: "Asia/Shanghai"}); err != nil {
		return fmt.Errorf("seeding team: %w", err)
	}
	for _, m := range []salesrec.Member{
		{ID: demoManager, TeamID: demoTeam, Name: "王经理", Role: salesrec.RoleManager},
		{ID: demoRep, TeamID: demoTeam, Name: "李代表", Role: salesrec.RoleRep},
		{ID: demoOtherRep, TeamID: demoTeam, Name: "张代表", Role: salesrec.RoleRep},
	} {
		if _, err := s.AddMember(ctx, m); err != nil {
			return fmt.Errorf("seeding member %s: %w", m.ID, err)
		}
	}
	_, err = s.CreateCustomer(ctx, demoManager, salesrec.Customer{
		ID:       demoCustomer,
		TeamID:   demoTeam,
		Name:     "恒通智能制造股份有限公司",
		Kind:     salesrec.CustomerNew,
		Industry: "制造业",
		Size:     "500-1000人",
		Contacts: []salesrec.Contact{{
			Name: "陈总", Title: "采购总监", Phone: "13812345678", Email: "chen@hengtong.example",
		}},
	})
	if err != nil {
		return fmt.Errorf("seeding customer: %w", err)
	}
	return nil
}
