package salesrec

import (
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The Validate methods name each field's errors by its JSON name, spelled
// out (see field). These tests fill every field of a value with something
// wrong and check that every key of the error walks the value's JSON
// structure, and that every field that has a rule is named.

// spoil sets every field reachable from v to a wrong value: strings hold a
// NUL, numbers are -1, times lie beyond MaxYear, lists and pointers get one
// spoiled item.
func spoil(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("\x00")
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(-1)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		spoil(v.Elem())
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		spoil(v.Index(0))
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Date(MaxYear+1, 1, 1, 0, 0, 0, 0, time.UTC)))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				spoil(v.Field(i))
			}
		}
	}
}

// jsonField returns the field of struct type t whose JSON name is name.
func jsonField(t reflect.Type, name string) (reflect.Type, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if tag == "" {
			tag = f.Name
		}
		if f.IsExported() && tag == name {
			return f.Type, true
		}
	}
	return nil, false
}

// walksJSON reports whether path ("interactions[0].points[0].text") names
// a field of type t, through its JSON names.
func walksJSON(t reflect.Type, path string) bool {
	for path != "" {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if strings.HasPrefix(path, "[") {
			end := strings.IndexByte(path, ']')
			if t.Kind() != reflect.Slice || end < 0 {
				return false
			}
			if _, err := strconv.Atoi(path[1:end]); err != nil {
				return false
			}
			t, path = t.Elem(), strings.TrimPrefix(path[end+1:], ".")
			continue
		}
		name := path
		if i := strings.IndexAny(path, ".["); i >= 0 {
			name = path[:i]
		}
		if t.Kind() != reflect.Struct {
			return false
		}
		ft, ok := jsonField(t, name)
		if !ok {
			return false
		}
		t, path = ft, strings.TrimPrefix(path[len(name):], ".")
	}
	return true
}

func TestFieldNamesAreJSONNames(t *testing.T) {
	var (
		e  Engagement
		c  Customer
		tm Team
		m  Member
		mo Money
	)
	won := Engagement{Status: StatusWon, Outcome: &Outcome{}}
	terminated := Engagement{Status: StatusTerminated, Outcome: &Outcome{}}
	for _, v := range []any{&e, &c, &tm, &m, &mo, won.Outcome, terminated.Outcome} {
		spoil(reflect.ValueOf(v).Elem())
	}
	won.Status, terminated.Status = StatusWon, StatusTerminated
	won.Outcome.Amount.Currency = ""
	terminated.Outcome.ReasonCategory = ""
	for _, c := range []struct {
		name string
		typ  reflect.Type
		err  error
		want []string // keys the error must have, beside walking the type
	}{
		{"engagement", reflect.TypeFor[Engagement](), DefaultRules().Validate(e), []string{
			"id", "team_id", "owner_id", "customer_id", "stage", "goal", "status",
			"interactions[0].id", "interactions[0].occurred_at", "interactions[0].recorded_at",
			"interactions[0].method", "interactions[0].place.mode", "interactions[0].place.platform",
			"interactions[0].place.meeting_id", "interactions[0].place.address", "interactions[0].topic",
			"interactions[0].customer_participants[0].name", "interactions[0].customer_participants[0].title",
			"interactions[0].sales_participants[0].member_id", "interactions[0].sales_participants[0].name",
			"interactions[0].sales_participants[0].role",
			"interactions[0].points[0].speaker", "interactions[0].points[0].kind", "interactions[0].points[0].text",
			"interactions[0].points[0].subject", "interactions[0].points[0].handling", "interactions[0].points[0].result",
			"needs[0].class", "needs[0].priority", "needs[0].content",
			"proposal.summary", "proposal.collaboration[0]", "proposal.resources",
			"actions[0].id", "actions[0].what", "actions[0].owner_id", "actions[0].deadline", "actions[0].status",
			"lessons[0].kind", "lessons[0].text",
			"remarks[0].id", "remarks[0].author_id", "remarks[0].at", "remarks[0].text", "remarks[0].collaboration",
			"reopen_reason", "version", "created_at", "updated_at",
		}},
		{"won outcome", reflect.TypeFor[Engagement](), DefaultRules().Validate(won), []string{
			"outcome.amount", "outcome.signed_on", "outcome.reason", "outcome.reason_category",
		}},
		{"terminated outcome", reflect.TypeFor[Engagement](), DefaultRules().Validate(terminated), []string{
			"outcome.amount", "outcome.signed_on", "outcome.reason", "outcome.reason_category",
		}},
		{"customer", reflect.TypeFor[Customer](), c.Validate(), []string{
			"id", "team_id", "name", "short_names[0]", "kind", "sub_kind", "industry", "size",
			"contacts[0].name", "contacts[0].title", "contacts[0].phone", "contacts[0].email", "created_by",
		}},
		{"team", reflect.TypeFor[Team](), tm.Validate(), []string{"id", "name", "time_zone"}},
		{"member", reflect.TypeFor[Member](), m.Validate(), []string{"id", "team_id", "name", "role"}},
		{"money", reflect.TypeFor[Money](), mo.Validate(), []string{"minor", "currency"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var ve *ValidationError
			if !errors.As(c.err, &ve) {
				t.Fatalf("got %v, want a *ValidationError", c.err)
			}
			for key := range ve.Fields {
				if !walksJSON(c.typ, key) {
					t.Errorf("key %q is no JSON path of %v", key, c.typ)
				}
			}
			for _, key := range c.want {
				if _, ok := ve.Fields[key]; !ok {
					t.Errorf("no error for %q; got %v", key, ve.Fields)
				}
			}
		})
	}
}
