package dealtrailhttp

import (
	"reflect"
	"time"
)

// Every instant an answer carries (occurred_at, recorded_at, a remark's
// at, created_at, a history entry's at, a list's at) is written in the
// acting member's team's time zone, "2024-03-06T15:00:00+08:00", whatever
// zone it was given or stored in: a client shows the team's clock without
// converting, and two answers never disagree on how to write one moment.

var timeType = reflect.TypeOf(time.Time{})

// inZone returns a copy of v whose instants are shown in loc. The copy is
// shallow: slices, maps and pointers in v are changed in place, which is
// fine for the answers the handlers build (nobody else holds them).
// A zero instant stays zero.
func inZone(v any, loc *time.Location) any {
	if v == nil {
		return nil
	}
	cp := reflect.New(reflect.TypeOf(v)).Elem()
	cp.Set(reflect.ValueOf(v))
	setZone(cp, loc)
	return cp.Interface()
}

// setZone moves every settable instant reachable from v into loc.
func setZone(v reflect.Value, loc *time.Location) {
	if v.Type() == timeType {
		if t := v.Interface().(time.Time); !t.IsZero() && v.CanSet() {
			v.Set(reflect.ValueOf(t.In(loc)))
		}
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			setZone(v.Elem(), loc)
		}
	case reflect.Interface:
		if !v.IsNil() && v.CanSet() {
			inner := reflect.New(v.Elem().Type()).Elem()
			inner.Set(v.Elem())
			setZone(inner, loc)
			v.Set(inner)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Field(i); f.CanSet() {
				setZone(f, loc)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			setZone(v.Index(i), loc)
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			val := reflect.New(v.Type().Elem()).Elem()
			val.Set(iter.Value())
			setZone(val, loc)
			v.SetMapIndex(iter.Key(), val)
		}
	}
}
