package storagetest

import (
	"slices"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
)

// testCustomerIdentities checks that a store remembers every identity a
// team's customers ever held: a rename, a removed contact and a short name
// added later all leave the former values readable, numbered in the order
// they were recorded, and the table refuses changes made around the store.
func testCustomerIdentities(t *testing.T, w *world) {
	values := func(ids []salesrec.Identity, customerID string) []string {
		var out []string
		for _, id := range ids {
			if id.CustomerID == customerID {
				out = append(out, string(id.Kind)+":"+id.Value)
			}
		}
		return out
	}
	teamA, err := w.s.CustomerIdentities(w.ctx, w.teamA.ID)
	noErr(t, err, "CustomerIdentities")
	want := []string{"name:上海星辰制造有限公司", "contact_name:赵敏", "contact_phone:13812345678", "contact_email:zhaomin@example.com"}
	if got := values(teamA, w.custA1.ID); !slices.Equal(got, want) {
		t.Fatalf("identities of a new customer: got %q, want %q", got, want)
	}
	for _, id := range teamA {
		if id.TeamID != w.teamA.ID || id.CustomerID == w.custB.ID {
			t.Fatalf("team A's identities hold another team's: %+v", id)
		}
	}
	last := teamA[len(teamA)-1].Seq

	// Rename, drop the contact, add a short name and a new contact.
	c := w.custA1
	c.Name = "上海星辰智造集团有限公司"
	c.ShortNames = []string{"星辰"}
	c.Contacts = []salesrec.Contact{{Name: "钱进", Title: "IT经理", Phone: "021-6888 7777"}}
	c, err = w.s.UpdateCustomer(w.ctx, w.managerA.ID, c)
	noErr(t, err, "UpdateCustomer")

	teamA, err = w.s.CustomerIdentities(w.ctx, w.teamA.ID)
	noErr(t, err, "CustomerIdentities after the update")
	want = append(want, "name:上海星辰智造集团有限公司", "short_name:星辰", "contact_name:钱进", "contact_phone:021-6888 7777")
	if got := values(teamA, w.custA1.ID); !slices.Equal(got, want) {
		t.Fatalf("identities after rename and contact change: got %q, want %q", got, want)
	}

	// IdentitiesAfter follows new identities of every team, in order.
	added, err := w.s.IdentitiesAfter(w.ctx, last, 0)
	noErr(t, err, "IdentitiesAfter")
	if got := values(added, w.custA1.ID); !slices.Equal(got, want[4:]) {
		t.Fatalf("IdentitiesAfter(%d): got %q, want %q", last, got, want[4:])
	}
	all, err := w.s.IdentitiesAfter(w.ctx, 0, 2)
	noErr(t, err, "IdentitiesAfter with a limit")
	if len(all) != 2 || all[0].Seq >= all[1].Seq {
		t.Fatalf("IdentitiesAfter(0, 2) = %+v, want two in increasing order", all)
	}
	rest, err := w.s.IdentitiesAfter(w.ctx, all[1].Seq, 1000)
	noErr(t, err, "IdentitiesAfter the second page")
	var prev int64 = all[1].Seq
	sawB := false
	for _, id := range rest {
		if id.Seq <= prev {
			t.Fatalf("IdentitiesAfter out of order: %d after %d", id.Seq, prev)
		}
		prev = id.Seq
		sawB = sawB || id.CustomerID == w.custB.ID
	}
	if !sawB {
		t.Fatal("IdentitiesAfter left out team B's customer")
	}

	// A second update with nothing new records nothing.
	_, err = w.s.UpdateCustomer(w.ctx, w.managerA.ID, c)
	noErr(t, err, "UpdateCustomer unchanged")
	again, err := w.s.IdentitiesAfter(w.ctx, prev, 0)
	noErr(t, err, "IdentitiesAfter an unchanged update")
	if len(again) != 0 {
		t.Fatalf("an update that changed no identity recorded %+v", again)
	}

	w.refuse(t, w.custA1.ID, []rawStatement{
		{"", `UPDATE dealtrail_customer_identities SET value = 'x' WHERE customer_id = ?`},
		{"", `DELETE FROM dealtrail_customer_identities WHERE customer_id = ?`},
	})
	_, err = w.s.IdentitiesAfter(w.ctx, 0, -1)
	wantErr(t, err, salesrec.ErrInvalid, "IdentitiesAfter with a negative limit")
}
