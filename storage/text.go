package storage

import (
	"errors"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dealtrail/dealtrail/salesrec"
)

// checkStrings walks v (a struct, slice or pointer of the salesrec model) and
// refuses every string that holds a NUL byte or invalid UTF-8, naming each by
// its JSON path. salesrec's rules check the same; this is the database
// layer's own guard, so no rule configuration can let such a value through
// (PostgreSQL would refuse it late, SQLite would store it silently).
func checkStrings(v any) error {
	fields := map[string]salesrec.Message{}
	var path []pathStep
	walkStrings(reflect.ValueOf(v), &path, fields)
	if len(fields) == 0 {
		return nil
	}
	return &salesrec.ValidationError{Fields: fields}
}

// pathStep is one step of the JSON path walkStrings is at: field n of
// struct type owner or, when owner is nil, index n. The path, field names
// included, is written out only for a string it refuses, so a clean
// engagement is walked without reading a single tag.
type pathStep struct {
	owner reflect.Type
	n     int
}

func walkStrings(v reflect.Value, path *[]pathStep, out map[string]salesrec.Message) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkStrings(v.Elem(), path, out)
		}
	case reflect.String:
		s := v.String()
		switch {
		case !utf8.ValidString(s):
			out[pathOr(render(*path))] = msgBadUTF8
		case strings.IndexByte(s, 0) >= 0:
			out[pathOr(render(*path))] = msgNUL
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			*path = append(*path, pathStep{n: i})
			walkStrings(v.Index(i), path, out)
			*path = (*path)[:len(*path)-1]
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := v.Field(i)
			if !f.CanInterface() { // unexported
				continue
			}
			*path = append(*path, pathStep{owner: t, n: i})
			walkStrings(f, path, out)
			*path = (*path)[:len(*path)-1]
		}
	}
}

// render writes a path as "interactions[2].topic".
func render(path []pathStep) string {
	var p string
	for _, st := range path {
		if st.owner == nil {
			p += "[" + strconv.Itoa(st.n) + "]"
		} else {
			p = salesrec.FieldPath(p, jsonName(st.owner.Field(st.n)))
		}
	}
	return p
}

func jsonName(f reflect.StructField) string {
	tag := f.Tag.Get("json")
	if name, _, _ := strings.Cut(tag, ","); name != "" && name != "-" {
		return name
	}
	return f.Name
}

func pathOr(p string) string {
	if p == "" {
		return "value"
	}
	return p
}

// prefixErr puts prefix in front of every field of a *ValidationError, so an
// interaction's errors read "interactions[2].topic". Other errors pass.
func prefixErr(prefix string, err error) error {
	ve, ok := asValidation(err)
	if !ok {
		return err
	}
	fields := make(map[string]salesrec.Message, len(ve.Fields))
	for k, m := range ve.Fields {
		fields[salesrec.FieldPath(prefix, k)] = m
	}
	return &salesrec.ValidationError{Fields: fields}
}

func asValidation(err error) (*salesrec.ValidationError, bool) {
	var ve *salesrec.ValidationError
	if err == nil {
		return nil, false
	}
	ok := errors.As(err, &ve)
	return ve, ok
}

// invalid returns a validation error for one field.
func invalid(field string, m salesrec.Message) error {
	return salesrec.FieldError(field, m)
}
