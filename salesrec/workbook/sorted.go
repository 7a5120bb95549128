package workbook

import (
	"bufio"
	"bytes"
	"container/heap"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
)

// A register's keys (业务编号 and customer names) and rows are joined by
// sorting, not in maps, so that reading a 100k-row register holds no more
// than reading a 10k-row one: records go to a sorter, which keeps at most
// runBytes of them in memory, sorts them and writes them out as a sorted
// run to a temporary file when it is full; reading the sorter back merges
// the runs. Keys compare as bytes; the encodings below make byte order the
// order the reader needs.

// defaultRunBytes is how many bytes of records a sorter holds in memory.
const defaultRunBytes = 4 << 20

// runBuffer is the read buffer of each run in a merge: a run of 4 MiB
// costs 8 KiB while it is merged, a 500th of what it holds. (The number of
// runs grows with the rows, so this is what still grows: about 2 KiB per
// MiB of cells.)
const runBuffer = 8 << 10

// sorter collects records (a key and a value) and hands them back in the
// order of their keys; records with equal keys come back in no particular
// order (the reader's keys are unique: they end with a row number).
type sorter struct {
	limit int // bytes of records held before a run is written
	arena []byte
	recs  []rec
	file  *os.File
	w     *bufio.Writer
	size  int64
	runs  []span // the sorted runs in file
}

// rec is a record in the arena: its key, then its value.
type rec struct {
	off      int
	klen, vn int
}

func newSorter(limit int) *sorter {
	if limit <= 0 {
		limit = defaultRunBytes
	}
	return &sorter{limit: limit}
}

func (s *sorter) key(r rec) []byte { return s.arena[r.off : r.off+r.klen] }
func (s *sorter) val(r rec) []byte { return s.arena[r.off+r.klen : r.off+r.klen+r.vn] }

// add copies the record in.
func (s *sorter) add(key, val []byte) error {
	if len(s.arena) > 0 && len(s.arena)+len(key)+len(val) > s.limit {
		if err := s.spill(); err != nil {
			return err
		}
	}
	s.recs = append(s.recs, rec{off: len(s.arena), klen: len(key), vn: len(val)})
	s.arena = append(append(s.arena, key...), val...)
	return nil
}

func (s *sorter) sort() {
	slices.SortFunc(s.recs, func(a, b rec) int { return bytes.Compare(s.key(a), s.key(b)) })
}

// spill writes the records held as a sorted run.
func (s *sorter) spill() error {
	if s.file == nil {
		f, err := os.CreateTemp("", "dealtrail-workbook-keys-*")
		if err != nil {
			return fmt.Errorf("workbook: sorting the keys: %w", err)
		}
		s.file, s.w = f, bufio.NewWriterSize(f, 64<<10)
	}
	s.sort()
	start := s.size
	var hdr [2 * binary.MaxVarintLen64]byte
	for _, r := range s.recs {
		n := binary.PutUvarint(hdr[:], uint64(r.klen))
		n += binary.PutUvarint(hdr[n:], uint64(r.vn))
		if _, err := s.w.Write(hdr[:n]); err != nil {
			return fmt.Errorf("workbook: sorting the keys: %w", err)
		}
		if _, err := s.w.Write(s.arena[r.off : r.off+r.klen+r.vn]); err != nil {
			return fmt.Errorf("workbook: sorting the keys: %w", err)
		}
		s.size += int64(n + r.klen + r.vn)
	}
	s.runs = append(s.runs, span{off: start, n: int(s.size - start)})
	s.recs, s.arena = s.recs[:0], s.arena[:0]
	return nil
}

// close removes the temporary file, if any.
func (s *sorter) close() error {
	s.recs, s.arena = nil, nil
	err := removeTemp(s.file)
	s.file = nil
	return err
}

// removeTemp closes and removes a temporary file; nil is none.
func removeTemp(f *os.File) error {
	if f == nil {
		return nil
	}
	return errors.Join(f.Close(), os.Remove(f.Name()))
}

// merged returns the records in key order: the runs written, merged with
// those still held. The sorter takes no more records after it.
func (s *sorter) merged() (*merger, error) {
	s.sort()
	m := &merger{}
	if s.w != nil {
		if err := s.w.Flush(); err != nil {
			return nil, fmt.Errorf("workbook: sorting the keys: %w", err)
		}
	}
	for _, r := range s.runs {
		m.srcs = append(m.srcs, &fileRun{r: bufio.NewReaderSize(io.NewSectionReader(s.file, r.off, int64(r.n)), runBuffer)})
	}
	if len(s.recs) > 0 {
		m.srcs = append(m.srcs, &memRun{s: s})
	}
	for _, src := range m.srcs {
		ok, err := src.next()
		if err != nil {
			return nil, err
		}
		if ok {
			m.h = append(m.h, src)
		}
	}
	heap.Init(&m.h)
	return m, nil
}

// run is one sorted source of a merge.
type run interface {
	next() (bool, error)
	key() []byte
	val() []byte
}

type memRun struct {
	s *sorter
	i int // 1 + the current record's index
}

func (m *memRun) next() (bool, error) {
	m.i++
	return m.i <= len(m.s.recs), nil
}
func (m *memRun) key() []byte { return m.s.key(m.s.recs[m.i-1]) }
func (m *memRun) val() []byte { return m.s.val(m.s.recs[m.i-1]) }

type fileRun struct {
	r   *bufio.Reader
	buf []byte
	kn  int
}

func (f *fileRun) next() (bool, error) {
	kn, err := binary.ReadUvarint(f.r)
	if errors.Is(err, io.EOF) {
		return false, nil
	}
	vn, err2 := binary.ReadUvarint(f.r)
	if err = errors.Join(err, err2); err == nil {
		f.buf = slices.Grow(f.buf[:0], int(kn+vn))[:kn+vn]
		_, err = io.ReadFull(f.r, f.buf)
	}
	if err != nil {
		return false, fmt.Errorf("workbook: reading the sorted keys back: %w", err)
	}
	f.kn = int(kn)
	return true, nil
}
func (f *fileRun) key() []byte { return f.buf[:f.kn] }
func (f *fileRun) val() []byte { return f.buf[f.kn:] }

// merger hands out the records of its runs in key order. The key and value
// it returns are valid until the next call of next.
type merger struct {
	srcs []run
	h    runHeap
	cur  run
	err  error
}

// next moves to the next record; false at the end or on an error (err).
func (m *merger) next() bool {
	if m.err != nil {
		return false
	}
	if m.cur != nil {
		ok, err := m.cur.next()
		if err != nil {
			m.err = err
			return false
		}
		if ok {
			heap.Push(&m.h, m.cur)
		}
		m.cur = nil
	}
	if len(m.h) == 0 {
		return false
	}
	m.cur = heap.Pop(&m.h).(run)
	return true
}

func (m *merger) key() []byte { return m.cur.key() }
func (m *merger) val() []byte { return m.cur.val() }

type runHeap []run

func (h runHeap) Len() int           { return len(h) }
func (h runHeap) Less(i, j int) bool { return bytes.Compare(h[i].key(), h[j].key()) < 0 }
func (h runHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *runHeap) Push(x any)        { *h = append(*h, x.(run)) }
func (h *runHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// appendText encodes s so that encoded strings compare as the strings do,
// and no encoded string is a prefix of another: a 0 byte becomes 0 0xff,
// and the end is 0 1.
func appendText(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] == 0 {
			b = append(b, 0, 0xff)
		} else {
			b = append(b, s[i])
		}
	}
	return append(b, 0, 1)
}

// cutText decodes what appendText wrote at the start of b and returns the
// rest.
func cutText(b []byte) (string, []byte, bool) {
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] != 0 {
			continue
		}
		if i+1 >= len(b) {
			return "", nil, false
		}
		out = append(out, b[:i]...)
		if b[i+1] == 1 {
			return string(out), b[i+2:], true
		}
		out = append(out, 0)
		b = b[i+2:]
		i = -1
	}
	return "", nil, false
}

// appendNum encodes n in 8 bytes, big-endian: numbers compare as bytes.
func appendNum(b []byte, n int) []byte { return binary.BigEndian.AppendUint64(b, uint64(n)) }
