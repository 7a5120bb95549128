package salesrectest

import (
	"strconv"

	"github.com/dealtrail/dealtrail/salesrec"
)

// Item is one generated engagement with the team and customer it belongs to.
// NewTeam is true on the first item of a team and NewCustomer on the first
// of a customer, so a consumer can create them before the engagement. Items
// of a team share its Members slice: do not modify it.
type Item struct {
	// Index counts items from 0.
	Index       int
	Team        salesrec.Team
	Members     []salesrec.Member
	Customer    salesrec.Customer
	Engagement  salesrec.Engagement
	NewTeam     bool
	NewCustomer bool
}

// Stream generates n engagements and hands them to fn one at a time, so
// memory does not grow with n. Every Options.EngagementsPerTeam engagements
// a new team with Options.MembersPerTeam members starts; each customer has
// one to four engagements in a row, and customer names are unique within
// a team. Stream stops at fn's first error and returns it.
func (g *Generator) Stream(n int, fn func(Item) error) error {
	var (
		it    Item
		names map[string]bool
		left  int // engagements the current customer still gets
	)
	for i := range n {
		it.Index, it.NewTeam, it.NewCustomer = i, false, false
		if i%g.opts.EngagementsPerTeam == 0 {
			it.Team = g.Team()
			it.Members = g.Members(it.Team, g.opts.MembersPerTeam)
			it.NewTeam = true
			names = make(map[string]bool)
			left = 0
		}
		if left == 0 {
			it.Customer = g.uniqueCustomer(it.Team, names)
			it.NewCustomer = true
			left = 1 + g.zipf(4)
		}
		left--
		it.Engagement = g.Engagement(it.Team, it.Members, it.Customer)
		if err := fn(it); err != nil {
			return err
		}
	}
	return nil
}

// uniqueCustomer draws customers until one has a name not yet in names; after
// a few collisions it numbers the name as a branch would be.
func (g *Generator) uniqueCustomer(team salesrec.Team, names map[string]bool) salesrec.Customer {
	c := g.Customer(team)
	for try := 0; names[c.Name]; try++ {
		if try < 5 {
			c = g.Customer(team)
			continue
		}
		c.Name += " " + strconv.Itoa(try)
	}
	names[c.Name] = true
	return c
}
