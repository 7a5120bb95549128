package storage

import (
	"errors"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
)

func TestPageSizeLimit(t *testing.T) {
	p := pageSize{def: 50, max: 500}
	for _, c := range []struct {
		name      string
		requested int
		want      int
	}{
		{"zero asks for the default", 0, 50},
		{"a small page is kept", 7, 7},
		{"the maximum is kept", 500, 500},
		{"a larger page is cut to the maximum", 501, 500},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := p.limit(c.requested)
			if err != nil || got != c.want {
				t.Fatalf("limit(%d) = %d, %v; want %d", c.requested, got, err, c.want)
			}
		})
	}
	_, err := p.limit(-1)
	var ve *salesrec.ValidationError
	if !errors.Is(err, salesrec.ErrInvalid) || !errors.As(err, &ve) || ve.Fields["limit"] == (salesrec.Message{}) {
		t.Fatalf("limit(-1) = %v; want an input error naming limit", err)
	}
}
