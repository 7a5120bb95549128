package storagetest

import (
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

// customerNames lists the full names of a page's customers.
func customerNames(cs []salesrec.Customer) []string {
	return each(cs, func(c salesrec.Customer) string { return c.Name })
}

// testCustomerDirectory: the team's customers are listed and searched by
// full or short name, prefix or contains, with every LIKE wildcard
// literal, by keyset pages with a total; forged cursors read nothing of
// another team; contacts are masked as Customer masks them.
func testCustomerDirectory(t *testing.T, w *world) {
	add := func(actor salesrec.Member, name string, short ...string) salesrec.Customer {
		c := newCustomer(name, "制造业")
		c.ShortNames = short
		got, err := w.s.CreateCustomer(w.ctx, actor.ID, c)
		noErr(t, err, "CreateCustomer "+name)
		return got
	}
	add(w.managerA, "100%_Tech 有限公司", "百分科技")
	add(w.managerA, "ABC Corp", "Alpha")
	add(w.managerA, "AxB 物流")
	add(w.managerA, `上海A_B\科技有限公司`)
	own := add(w.rep3, "苏州河畔咨询有限公司")
	add(w.managerB, "上海 London Ltd")

	all := []string{"100%_Tech 有限公司", "ABC Corp", "AxB 物流", `上海A_B\科技有限公司`, w.custA1.Name, w.custA2.Name, own.Name}
	slices.Sort(all) // code point order, as both databases page
	search := func(actor salesrec.Member, q storage.CustomerQuery) storage.CustomerPage {
		t.Helper()
		page, err := w.s.ListCustomers(w.ctx, actor.ID, q)
		noErr(t, err, "ListCustomers "+q.Text)
		return page
	}
	for _, tc := range []struct {
		name  string
		q     storage.CustomerQuery
		names []string
	}{
		{"everything", storage.CustomerQuery{}, all},
		{"a full-name prefix", storage.CustomerQuery{Text: "上海"}, []string{`上海A_B\科技有限公司`, w.custA1.Name}},
		{"contains", storage.CustomerQuery{Text: "星辰", Match: storage.MatchContains}, []string{w.custA1.Name}},
		{"a short name, any case", storage.CustomerQuery{Text: "alp"}, []string{"ABC Corp"}},
		{"a short name in Chinese", storage.CustomerQuery{Text: "百分"}, []string{"100%_Tech 有限公司"}},
		{"no prefix is a wildcard", storage.CustomerQuery{Text: "%"}, nil},
		{"a literal percent sign", storage.CustomerQuery{Text: "%", Match: storage.MatchContains}, []string{"100%_Tech 有限公司"}},
		{"a literal underscore", storage.CustomerQuery{Text: "_", Match: storage.MatchContains}, []string{"100%_Tech 有限公司", `上海A_B\科技有限公司`}},
		{"an underscore is no single character", storage.CustomerQuery{Text: "a_b", Match: storage.MatchContains}, []string{`上海A_B\科技有限公司`}},
		{"a literal backslash", storage.CustomerQuery{Text: `B\科`, Match: storage.MatchContains}, []string{`上海A_B\科技有限公司`}},
		{"prefix is not contains", storage.CustomerQuery{Text: "科技"}, nil},
		{"nothing matches", storage.CustomerQuery{Text: "不存在的客户"}, nil},
	} {
		page := search(w.rep1, tc.q)
		if got := customerNames(page.Items); !slices.Equal(got, tc.names) || page.Total != len(tc.names) || page.Next != "" {
			t.Errorf("%s: got %v (total %d, next %q), want %v", tc.name, got, page.Total, page.Next, tc.names)
		}
	}
	if got := customerNames(search(w.repB, storage.CustomerQuery{Text: "上海"}).Items); !slices.Equal(got, []string{"上海 London Ltd"}) {
		t.Errorf("team B's rep finds %v, want only team B's customer", got)
	}

	// Keyset pages of two: every customer once, in order, the same total.
	var paged []string
	q := storage.CustomerQuery{Limit: 2}
	for i := 0; ; i++ {
		page := search(w.rep1, q)
		if page.Total != len(all) {
			t.Fatalf("page %d: total %d, want %d", i, page.Total, len(all))
		}
		paged = append(paged, customerNames(page.Items)...)
		if page.Next == "" {
			break
		}
		if i > len(all) {
			t.Fatal("the pages never end")
		}
		q.After = page.Next
	}
	if !slices.Equal(paged, all) {
		t.Fatalf("paging by two gave %v, want %v", paged, all)
	}

	// Forged and tampered cursors: refused, or read nothing beyond the
	// actor's team.
	for _, bad := range []string{"!!!", "bm8tbnVs", base64.RawURLEncoding.EncodeToString([]byte("name\x00bad id!")),
		base64.RawURLEncoding.EncodeToString([]byte("\x00id")), base64.RawURLEncoding.EncodeToString([]byte{0xff, 0, 'a'})} {
		_, err := w.s.ListCustomers(w.ctx, w.rep1.ID, storage.CustomerQuery{After: bad})
		wantFieldErr(t, err, "after", "the cursor "+bad)
	}
	forged := base64.RawURLEncoding.EncodeToString([]byte("\x01\x00" + w.custB.ID))
	page := search(w.rep1, storage.CustomerQuery{After: forged})
	if got := customerNames(page.Items); !slices.Equal(got, all) {
		t.Errorf("a forged cursor naming team B's customer lists %v, want team A's own %v", got, all)
	}

	// Refusals name the field.
	_, err := w.s.ListCustomers(w.ctx, w.rep1.ID, storage.CustomerQuery{Match: "regex"})
	wantFieldErr(t, err, "match", "an unknown match")
	_, err = w.s.ListCustomers(w.ctx, w.rep1.ID, storage.CustomerQuery{Text: "上海\n%"})
	wantFieldErr(t, err, "text", "a line break in the text")
	_, err = w.s.ListCustomers(w.ctx, w.rep1.ID, storage.CustomerQuery{Text: strings.Repeat("客", salesrec.MaxNameChars+1)})
	wantFieldErr(t, err, "text", "a huge text")
	_, err = w.s.ListCustomers(w.ctx, w.rep1.ID, storage.CustomerQuery{Text: "a\x00"})
	wantErr(t, err, salesrec.ErrInvalid, "a NUL in the text")
	_, err = w.s.ListCustomers(w.ctx, w.rep1.ID, storage.CustomerQuery{Limit: -1})
	wantFieldErr(t, err, "limit", "a negative limit")
	_, err = w.s.ListCustomers(w.ctx, "intruder", storage.CustomerQuery{})
	wantErr(t, err, salesrec.ErrForbidden, "a caller who is no member")

	// Contacts read as Customer reads them: masked for a rep, as written
	// for the rep who created the customer; Customers reads them alike,
	// and nothing of another team.
	listed := search(w.rep3, storage.CustomerQuery{}).Items
	ids := []string{w.custB.ID, "no-such-customer"}
	for _, c := range listed {
		ids = append(ids, c.ID)
	}
	byID, err := w.s.Customers(w.ctx, w.rep3.ID, ids)
	noErr(t, err, "Customers")
	if len(byID) != len(listed) {
		t.Errorf("Customers read %d of the %d ids, want the %d of rep3's team", len(byID), len(ids), len(listed))
	}
	for _, c := range listed {
		one, err := w.s.Customer(w.ctx, w.rep3.ID, c.ID)
		noErr(t, err, "Customer")
		sameJSON(t, c, one, "a listed customer as Customer reads it")
		sameJSON(t, byID[c.ID], one, "a customer as Customers and Customer read it")
		masked := c.Contacts[0].Phone != "13812345678"
		if masked == (c.ID == own.ID) {
			t.Errorf("rep3 reads %s's phone as %q", c.Name, c.Contacts[0].Phone)
		}
	}
	many := make([]string, 100_000)
	for i := range many {
		many[i] = fmt.Sprintf("c-%d", i)
	}
	_, err = w.s.Customers(w.ctx, w.rep3.ID, many)
	wantFieldErr(t, err, "ids", "more ids than one call takes")
	_, err = w.s.Customers(w.ctx, "intruder", ids)
	wantErr(t, err, salesrec.ErrForbidden, "Customers for a caller who is no member")
}

// testCustomerVersions: a duplicate full name names the existing
// customer; updates are version-checked and in the customer's history;
// the creator reads the contacts; nobody forges the creator.
func testCustomerVersions(t *testing.T, w *world) {
	_, err := w.s.CreateCustomer(w.ctx, w.rep1.ID, newCustomer(w.custA1.Name, "制造业"))
	var dup *salesrec.DuplicateCustomerError
	if !errors.As(err, &dup) || dup.ID != w.custA1.ID || !errors.Is(err, salesrec.ErrConflict) {
		t.Fatalf("a duplicate full name: %v, want a DuplicateCustomerError naming %s", err, w.custA1.ID)
	}
	if strings.Contains(err.Error(), w.custA1.Name) {
		t.Errorf("the duplicate error shows the confidential name: %v", err)
	}

	forged := newCustomer("苏州河畔咨询有限公司", "咨询")
	forged.CreatedBy, forged.Version = w.managerA.ID, 7
	c, err := w.s.CreateCustomer(w.ctx, w.rep3.ID, forged)
	noErr(t, err, "CreateCustomer by a rep")
	if c.CreatedBy != w.rep3.ID || c.Version != 1 {
		t.Fatalf("created by %q at version %d, want rep3 at 1", c.CreatedBy, c.Version)
	}
	mine, err := w.s.Customer(w.ctx, w.rep3.ID, c.ID)
	noErr(t, err, "the creator reading the customer")
	if mine.Contacts[0].Phone != "13812345678" {
		t.Errorf("the creator reads the phone as %q", mine.Contacts[0].Phone)
	}
	theirs, err := w.s.Customer(w.ctx, w.rep2.ID, c.ID)
	noErr(t, err, "another rep reading the customer")
	if theirs.Contacts[0].Phone == "13812345678" {
		t.Error("another rep reads the phone unmasked")
	}

	upd := mine
	upd.Contacts[0].Phone = "13900001111"
	upd.CreatedBy = w.rep2.ID
	done, err := w.s.UpdateCustomer(w.ctx, w.rep3.ID, upd)
	noErr(t, err, "the creator updating the customer")
	if done.Version != 2 || done.CreatedBy != w.rep3.ID {
		t.Fatalf("updated to version %d by creator %q, want 2 and rep3 kept", done.Version, done.CreatedBy)
	}
	_, err = w.s.UpdateCustomer(w.ctx, w.managerA.ID, upd)
	wantErr(t, err, salesrec.ErrConflict, "an update from a stale version")
	rename := done
	rename.Name = w.custA2.Name
	_, err = w.s.UpdateCustomer(w.ctx, w.managerA.ID, rename)
	if !errors.As(err, &dup) || dup.ID != w.custA2.ID {
		t.Fatalf("renaming to another customer's name: %v, want a DuplicateCustomerError naming %s", err, w.custA2.ID)
	}

	hist, err := w.s.CustomerHistory(w.ctx, w.managerA.ID, c.ID)
	noErr(t, err, "CustomerHistory as the manager")
	if len(hist) != 2 || hist[0].Op != salesrec.OpCreate || hist[1].Op != salesrec.OpUpdate ||
		hist[1].Version != 2 || hist[1].ActorID != w.rep3.ID {
		t.Fatalf("customer history %+v, want the create and rep3's update", hist)
	}
	phone := salesrec.FieldChange{Field: "contacts[0].phone", Before: `"13812345678"`, After: `"13900001111"`}
	if !slices.Equal(hist[1].Changes, []salesrec.FieldChange{phone}) {
		t.Errorf("the update's changes %+v, want only %+v", hist[1].Changes, phone)
	}
	masked, err := w.s.CustomerHistory(w.ctx, w.rep2.ID, c.ID)
	noErr(t, err, "CustomerHistory as another rep")
	for _, h := range masked {
		for _, ch := range h.Changes {
			if strings.Contains(ch.Before+ch.After, "1381234") || strings.Contains(ch.Before+ch.After, "zhaomin@") {
				t.Errorf("another rep reads a contact in the history: %+v", ch)
			}
		}
	}
	_, err = w.s.CustomerHistory(w.ctx, w.repB.ID, c.ID)
	wantErr(t, err, salesrec.ErrNotFound, "another team reading the customer's history")

	w.refuse(t, c.ID, []rawStatement{
		{"", `UPDATE dealtrail_customer_history SET op = 'x' WHERE customer_id = ?`},
		{"", `DELETE FROM dealtrail_customer_history WHERE customer_id = ?`},
	})
}
