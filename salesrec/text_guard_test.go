package salesrec

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// Every string a record holds must be guarded against NUL bytes and invalid
// UTF-8 by validation (SQLite would store them silently, PostgreSQL would
// refuse them late). The walk below poisons each string field of a valid
// record in turn, so a field added later without a rule fails this test.
func TestEveryStringFieldRefusesNULAndInvalidUTF8(t *testing.T) {
	records := map[string]func() (any, func(any) error){
		"engagement": func() (any, func(any) error) {
			e := validEngagement()
			e.Proposal.Collaboration = []Collaboration{CollabTechnicalSupport}
			e.Remarks = []Remark{{ID: "r-1", AuthorID: "m-1", At: e.CreatedAt, Text: "法务已审核", Collaboration: CollabLegalReview}}
			e.ReopenReason = "客户重新启动采购"
			return &e, func(v any) error { return v.(*Engagement).Validate() }
		},
		"customer": func() (any, func(any) error) {
			c := Customer{ID: "c-1", TeamID: "t-1", Name: "华东精工制造股份有限公司", ShortNames: []string{"华东精工"},
				Kind: CustomerExisting, SubKind: "复购", Industry: "制造业", Size: "500人",
				Contacts: []Contact{{Name: "王建国", Title: "采购总监", Phone: "13812345678", Email: "w@example.com"}}}
			return &c, func(v any) error { return v.(*Customer).Validate() }
		},
		"member": func() (any, func(any) error) {
			m := Member{ID: "m-1", TeamID: "t-1", Name: "张伟", Role: RoleRep}
			return &m, func(v any) error { return v.(*Member).Validate() }
		},
		"team": func() (any, func(any) error) {
			tm := Team{ID: "t-1", Name: "华东区销售一组", TimeZone: "Asia/Shanghai"}
			return &tm, func(v any) error { return v.(*Team).Validate() }
		},
	}
	for name, build := range records {
		rec, validate := build()
		if err := validate(rec); err != nil {
			t.Fatalf("%s fixture is not valid: %v", name, err)
		}
		n := 0
		var paths []string
		walkStrings(reflect.ValueOf(rec).Elem(), name, func(path string) { paths = append(paths, path); n++ })
		if n < 3 {
			t.Fatalf("%s: found only %d string fields; the walk is broken", name, n)
		}
		for i, path := range paths {
			for _, bad := range []string{"ok\x00", "ok\xff"} {
				rec, validate := build()
				j := 0
				walkStrings(reflect.ValueOf(rec).Elem(), name, func(string) {})
				setNthString(reflect.ValueOf(rec).Elem(), i, &j, bad)
				err := validate(rec)
				var verr *ValidationError
				if !errors.As(err, &verr) || !errors.Is(err, ErrInvalid) {
					t.Errorf("%s = %q: Validate() = %v, want a validation error", path, bad, err)
				}
			}
		}
	}
}

// walkStrings calls f with the path of every string field reachable in v
// (through structs, pointers and slices).
func walkStrings(v reflect.Value, path string, f func(string)) {
	switch v.Kind() {
	case reflect.String:
		f(path)
	case reflect.Pointer:
		if !v.IsNil() {
			walkStrings(v.Elem(), path, f)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			walkStrings(v.Index(i), path+"["+string(rune('0'+i%10))+"]", f)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				walkStrings(v.Field(i), path+"."+strings.ToLower(v.Type().Field(i).Name), f)
			}
		}
	}
}

// setNthString sets the n-th string field (in walkStrings order) to s.
func setNthString(v reflect.Value, n int, seen *int, s string) {
	switch v.Kind() {
	case reflect.String:
		if *seen == n {
			v.SetString(s)
		}
		*seen++
	case reflect.Pointer:
		if !v.IsNil() {
			setNthString(v.Elem(), n, seen, s)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			setNthString(v.Index(i), n, seen, s)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				setNthString(v.Field(i), n, seen, s)
			}
		}
	}
}
