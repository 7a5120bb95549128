package postgres

import "testing"

func TestHorizon(t *testing.T) {
	const epoch = uint64(1) << 32
	for _, c := range []struct {
		name    string
		next    uint64
		xmin    uint64
		holders []uint32
		unknown bool
		want    uint64
	}{
		{"no holder: the next id", 1000, 10, nil, false, 1000},
		{"the oldest holder", 1000, 10, []uint32{900, 950}, false, 900},
		{"a holder whose id came after the next id was read", 1000, 10, []uint32{1002}, false, 1000},
		{"a holder whose id cannot be known: the snapshot's xmin", 1000, 10, []uint32{900}, true, 10},
		{"a holder from before the epoch wrapped", epoch + 5, 7, []uint32{1<<32 - 10}, false, epoch - 10},
		{"a holder after the epoch wrapped", epoch - 3, 7, []uint32{2}, false, epoch - 3},
	} {
		if got := horizon(c.next, c.xmin, c.holders, c.unknown); got != c.want {
			t.Errorf("%s: horizon = %d, want %d", c.name, got, c.want)
		}
	}
	if got := widen(2, 1<<32-3); got != 1<<32+2 {
		t.Errorf("widen(2, 2^32-3) = %d, want 2^32+2", got)
	}
}
