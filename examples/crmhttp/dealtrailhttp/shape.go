package dealtrailhttp

import (
	"encoding"
	"encoding/json"
	"errors"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
)

// A body is read in two steps. First it is decoded into plain JSON values
// and walked alongside the Go type it is for (shaper.walk): every field
// name is checked, every value's JSON type, and every value salesrec reads
// from text (a date, an enum, an instant, an amount) is read there, so that
// whatever is wrong is named by its JSON path — all of it at once — and the
// template's own formats can be accepted where JSON has a canonical one:
//
//	an instant (occurred_at)  RFC 3339, or "2024-03-06 下午03:00" in the team's zone (salesrec.ParseInstant)
//	an amount                 {"minor": 8000000, "currency": "CNY"}, or "¥80,000", "8万", "USD 12,000" (salesrec.ParseMoney)
//	a date                    "2024-03-06", or "2024/3/6", "2024年3月6日" (salesrec.ParseDate)
//	an enum                   its code or its zh/en label ("已成交" is won)
//
// Each is replaced by its canonical JSON before the second step decodes the
// result into the Go value, so answers always carry the canonical forms.

var (
	moneyType           = reflect.TypeOf(salesrec.Money{})
	textUnmarshalerType = reflect.TypeOf((*encoding.TextUnmarshaler)(nil)).Elem()
)

// shaper walks one body. bad holds the structural problems (400: unknown
// fields, wrong JSON types), unreadable the values salesrec could not read
// (422), both keyed by JSON path.
type shaper struct {
	loc        func() (*time.Location, error)
	bad        map[string]salesrec.Message
	unreadable map[string]salesrec.Message
	// err is a failure that is not the body's fault (the team's zone could
	// not be loaded).
	err error
}

// walk returns v, a decoded JSON value destined for a Go value of type t
// at path, with the template's formats replaced by canonical JSON. A value
// with a problem is recorded and dropped (nil).
func (s *shaper) walk(v any, t reflect.Type, path string) any {
	if v == nil {
		return nil // null leaves a Go value as it is, as encoding/json does
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == timeType:
		return s.instant(v, path)
	case t == moneyType:
		if str, ok := v.(string); ok {
			return s.amount(str, path)
		}
		if _, ok := v.(map[string]any); !ok {
			return s.wrong(path, msgAmountField)
		}
	case reflect.PointerTo(t).Implements(textUnmarshalerType):
		return s.text(v, t, path)
	}
	switch t.Kind() {
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			return s.wrong(path, msgMustBeObject)
		}
		fields := jsonFields(t)
		out := make(map[string]any, len(obj))
		for _, k := range slices.Sorted(maps.Keys(obj)) {
			ft, ok := fields[k]
			if !ok {
				s.note(s.bad, salesrec.FieldPath(path, k), msgUnknownField)
				continue
			}
			out[k] = s.walk(obj[k], ft, salesrec.FieldPath(path, k))
		}
		return out
	case reflect.Map:
		obj, ok := v.(map[string]any)
		if !ok {
			return s.wrong(path, msgMustBeObject)
		}
		out := make(map[string]any, len(obj))
		for k, val := range obj {
			out[k] = s.walk(val, t.Elem(), salesrec.FieldPath(path, k))
		}
		return out
	case reflect.Slice, reflect.Array:
		arr, ok := v.([]any)
		if !ok {
			return s.wrong(path, msgMustBeArray)
		}
		out := make([]any, len(arr))
		for i, val := range arr {
			out[i] = s.walk(val, t.Elem(), path+"["+strconv.Itoa(i)+"]")
		}
		return out
	case reflect.String:
		if _, ok := v.(string); !ok {
			return s.wrong(path, msgMustBeString)
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			return s.wrong(path, msgBoolParam)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return s.number(v, t, path)
	}
	return v
}

// instant reads an RFC 3339 instant or the template's day and time.
func (s *shaper) instant(v any, path string) any {
	str, ok := v.(string)
	if !ok {
		return s.wrong(path, msgInstantField)
	}
	loc, err := s.loc()
	if err != nil {
		s.err = err
		return nil
	}
	t, err := salesrec.ParseInstant(str, loc)
	if err != nil {
		return s.refuse(path, err, msgInstantField)
	}
	return t.Format(time.RFC3339Nano)
}

// amount reads an amount as people write it into {"minor", "currency"}.
func (s *shaper) amount(str, path string) any {
	m, err := salesrec.ParseMoney(str)
	if err != nil {
		return s.refuse(path, err, msgAmountField)
	}
	return map[string]any{"minor": json.Number(strconv.FormatInt(m.Minor, 10)), "currency": m.Currency}
}

// text reads a value of a type that reads itself from text (a date, an
// enum) and gives back its canonical text (the code, YYYY-MM-DD).
func (s *shaper) text(v any, t reflect.Type, path string) any {
	str, ok := v.(string)
	if !ok {
		return s.wrong(path, msgMustBeString)
	}
	p := reflect.New(t)
	if err := p.Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(str)); err != nil {
		return s.refuse(path, err, msgUnknownValue)
	}
	if m, ok := p.Interface().(encoding.TextMarshaler); ok {
		if b, err := m.MarshalText(); err == nil {
			return string(b)
		}
	}
	return str
}

// number checks that a JSON number fits the Go number it is for.
func (s *shaper) number(v any, t reflect.Type, path string) any {
	n, ok := v.(json.Number)
	if !ok {
		return s.wrong(path, msgMustBeNumber)
	}
	var err error
	switch t.Kind() {
	case reflect.Float32, reflect.Float64:
		_, err = strconv.ParseFloat(n.String(), t.Bits())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		_, err = strconv.ParseUint(n.String(), 10, t.Bits())
	default:
		_, err = strconv.ParseInt(n.String(), 10, t.Bits())
	}
	if err != nil {
		return s.wrong(path, msgWholeNumber)
	}
	return n
}

// maxNamed is how many problems one answer names at most: a body of
// thousands of unknown fields is refused all the same, without an answer
// as large as itself. Objects are walked in key order, so which are named
// does not change from one try to the next.
const maxNamed = 50

// note records a problem at path in m, unless maxNamed are named already.
func (s *shaper) note(m map[string]salesrec.Message, path string, msg salesrec.Message) {
	if len(s.bad)+len(s.unreadable) < maxNamed {
		m[orBody(path)] = msg
	} else if len(m) == 0 {
		m[orBody(path)] = msg // the answer's status follows the kind: keep one of each
	}
}

// wrong records a value of the wrong JSON type (400).
func (s *shaper) wrong(path string, msg salesrec.Message) any {
	s.note(s.bad, path, msg)
	return nil
}

// refuse records a value salesrec could not read (422): its own message,
// which quotes the value and says what is wrong, or fallback.
func (s *shaper) refuse(path string, err error, fallback salesrec.Message) any {
	var ie *salesrec.InputError
	if errors.As(err, &ie) {
		fallback = ie.Msg
	}
	s.note(s.unreadable, path, fallback)
	return nil
}

// jsonFields maps the JSON names of t's fields to their types, as
// encoding/json sees them: a tag's name or the field's, "-" left out,
// embedded structs' fields promoted.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := make(map[string]reflect.Type)
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				for k, v := range jsonFields(ft) {
					if _, taken := out[k]; !taken {
						out[k] = v
					}
				}
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = f.Type
	}
	return out
}

// orBody names the body itself when a problem has no path.
func orBody(path string) string {
	if path == "" {
		return bodyField
	}
	return path
}
