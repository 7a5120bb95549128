package workbook

import (
	"bytes"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestTextKeysSortAsTheirText: encoded texts compare as the texts do, even
// with 0 bytes in them and one a prefix of the other, and decode back.
func TestTextKeysSortAsTheirText(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"\x00", "\x01", "\xff", "B", "B0", "业务", "\x00\x01"}
	texts := []string{"", "B", "B\x00", "B\x00\x01", "B\x01", strings.Repeat("长", 20000)}
	for range 300 {
		var b strings.Builder
		for range rng.IntN(6) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		texts = append(texts, b.String())
	}
	for _, a := range texts {
		ea := appendText(nil, a)
		back, rest, ok := cutText(append(ea, 7))
		if !ok || back != a || !bytes.Equal(rest, []byte{7}) {
			t.Fatalf("%q decodes to %q (rest %v, ok %v)", a, back, rest, ok)
		}
		for _, b := range texts {
			if got, want := bytes.Compare(ea, appendText(nil, b)), strings.Compare(a, b); got != want {
				t.Fatalf("%q against %q: encoded %d, texts %d", a, b, got, want)
			}
		}
	}
	for _, bad := range [][]byte{{'B'}, {'B', 0}, {0}} {
		if _, _, ok := cutText(bad); ok {
			t.Fatalf("%q decoded, want a refusal (no end)", bad)
		}
	}
}

// TestSorterMergesItsRuns: records come back in key order, every one of
// them with its value, whether they stayed in memory or went to runs in a
// temporary file; the file is gone after close.
func TestSorterMergesItsRuns(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	for _, tc := range []struct {
		name  string
		limit int
		files int
	}{{"in memory", 1 << 30, 0}, {"in runs", 512, 1}} {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(3, 4))
			s := newSorter(tc.limit)
			var want []string
			for i := range 2000 {
				key := keyOfRow(nsKey, "B"+strings.Repeat("x", rng.IntN(40)), byte(rng.IntN(3)), i)
				if i == 1000 {
					key = keyOfRow(nsKey, strings.Repeat("大", 5000), 0, i) // larger than a run
				}
				val := []byte(strings.Repeat("v", rng.IntN(30)) + string(key))
				if err := s.add(key, val); err != nil {
					t.Fatal(err)
				}
				want = append(want, string(key)+"="+string(val))
			}
			slices.Sort(want)
			if files, _ := os.ReadDir(tmp); len(files) != tc.files {
				t.Fatalf("%d temporary files while sorting, want %d", len(files), tc.files)
			}
			if tc.files > 0 && len(s.runs) < 2 {
				t.Fatalf("%d runs, want several", len(s.runs))
			}
			m, err := s.merged()
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for m.next() {
				got = append(got, string(m.key())+"="+string(m.val()))
			}
			if m.err != nil {
				t.Fatal(m.err)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("merged %d records, want %d in order", len(got), len(want))
			}
			if err := s.close(); err != nil {
				t.Fatal(err)
			}
			if files, _ := os.ReadDir(tmp); len(files) != 0 {
				t.Fatalf("%d temporary files after close", len(files))
			}
		})
	}
}
