package salesrec

// enum is the constraint every enum type of this package satisfies.
type enum interface {
	~string
	table() enumTable
}

// Parse reads an enum value from its code or either of its labels, e.g.
// Parse[Method]("面谈") or Parse[Method]("face_to_face"). Matching ignores
// case and surrounding space. An unknown value is an error wrapping
// ErrInvalid; nothing is silently mapped to a default.
func Parse[E enum](s string) (E, error) {
	var zero E
	code, err := zero.table().find(s)
	if err != nil {
		return zero, err
	}
	return E(code), nil
}

// Values lists the codes of an enum in their declared order.
func Values[E enum]() []E {
	var zero E
	t := zero.table()
	out := make([]E, len(t.labels))
	for i, l := range t.labels {
		out[i] = E(l.code)
	}
	return out
}

func unmarshalEnum[E enum](dst *E, b []byte) error {
	if len(b) == 0 {
		*dst = ""
		return nil
	}
	v, err := Parse[E](string(b))
	if err != nil {
		return err
	}
	*dst = v
	return nil
}
