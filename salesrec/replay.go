package salesrec

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Replay rebuilds an engagement as it was at version, from its history.
// entries must be in order of increasing Version and start with the create
// entry, which records every field from null (see CreateChanges; a create
// entry made with Diff from a zero Engagement works too). Each entry's
// changes are applied in order: the After value is set at the path, or the
// leaf removed when After is "null". Before values are not checked.
//
// version must be the Version of one of the entries; otherwise the error
// wraps ErrNotFound. A malformed history (no create entry first, versions
// out of order, a change that is not JSON or conflicts with the document's
// shape) is an error wrapping ErrInvalid. These errors describe stored
// data a program wrote, not anything a person typed, so they are plain
// English errors for the developer's log, not Messages: a host shows its
// own "记录无法还原" to the user.
func Replay(entries []HistoryEntry, version int64) (Engagement, error) {
	if len(entries) == 0 {
		return Engagement{}, fmt.Errorf("%w: version %d: the history is empty", ErrNotFound, version)
	}
	if entries[0].Op != OpCreate {
		return Engagement{}, fmt.Errorf("%w: history must start with a %q entry, not %q", ErrInvalid, OpCreate, entries[0].Op)
	}
	state := map[string]string{}
	found := false
	prev := int64(math.MinInt64)
	for i, en := range entries {
		if en.Version <= prev {
			return Engagement{}, fmt.Errorf("%w: history entry %d has version %d after version %d", ErrInvalid, i, en.Version, prev)
		}
		prev = en.Version
		if en.Version > version {
			break
		}
		if i > 0 && en.Op == OpCreate {
			return Engagement{}, fmt.Errorf("%w: history entry %d is a second create entry", ErrInvalid, i)
		}
		for _, c := range en.Changes {
			if c.After == "null" || c.After == "" {
				delete(state, c.Field)
				continue
			}
			if !json.Valid([]byte(c.After)) {
				return Engagement{}, fmt.Errorf("%w: history entry %d: the new value of %s is not JSON", ErrInvalid, i, c.Field)
			}
			state[c.Field] = c.After
		}
		found = found || en.Version == version
	}
	if !found {
		return Engagement{}, fmt.Errorf("%w: the history has no version %d", ErrNotFound, version)
	}
	doc, err := buildJSON(state)
	if err != nil {
		return Engagement{}, err
	}
	var e Engagement
	if err := json.Unmarshal(doc, &e); err != nil {
		return Engagement{}, fmt.Errorf("%w: replaying to version %d: %v", ErrInvalid, version, err)
	}
	return e, nil
}

// jnode is a node of a JSON document being rebuilt from leaves.
type jnode struct {
	raw  string // a leaf's JSON; "" for a container
	obj  map[string]*jnode
	arr  map[int]*jnode
	kind byte // 'l' leaf, 'o' object, 'a' array, 0 not yet known
}

// buildJSON rebuilds a document from its leaves.
func buildJSON(leaves map[string]string) ([]byte, error) {
	root := &jnode{kind: 'o', obj: map[string]*jnode{}}
	paths := make([]string, 0, len(leaves))
	for p := range leaves {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		segs, ok := parsePath(p)
		if !ok {
			return nil, fmt.Errorf("%w: history has a malformed field path %q", ErrInvalid, p)
		}
		n := root
		for _, s := range segs {
			var err error
			if n, err = n.child(s, p); err != nil {
				return nil, err
			}
		}
		if err := n.setLeaf(leaves[p], p); err != nil {
			return nil, err
		}
	}
	var b bytes.Buffer
	root.write(&b)
	return b.Bytes(), nil
}

func (n *jnode) child(s segment, path string) (*jnode, error) {
	want := byte('o')
	if s.isIndex {
		want = 'a'
	}
	switch n.kind {
	case 0:
		n.kind = want
		n.obj, n.arr = map[string]*jnode{}, map[int]*jnode{}
	case want:
	default:
		return nil, fmt.Errorf("%w: history is inconsistent at %q", ErrInvalid, path)
	}
	if s.isIndex {
		i, _ := strconv.Atoi(s.index)
		if n.arr[i] == nil {
			n.arr[i] = &jnode{}
		}
		return n.arr[i], nil
	}
	if n.obj[s.key] == nil {
		n.obj[s.key] = &jnode{}
	}
	return n.obj[s.key], nil
}

func (n *jnode) setLeaf(raw, path string) error {
	switch {
	case raw == "{}" && (n.kind == 0 || n.kind == 'o'):
		n.kind = 'o'
		if n.obj == nil {
			n.obj = map[string]*jnode{}
		}
	case raw == "[]" && (n.kind == 0 || n.kind == 'a'):
		n.kind = 'a'
		if n.arr == nil {
			n.arr = map[int]*jnode{}
		}
	case n.kind == 0:
		n.kind, n.raw = 'l', raw
	default:
		return fmt.Errorf("%w: history is inconsistent at %q", ErrInvalid, path)
	}
	return nil
}

func (n *jnode) write(b *bytes.Buffer) {
	switch n.kind {
	case 'l':
		b.WriteString(n.raw)
	case 'o':
		keys := make([]string, 0, len(n.obj))
		for k := range n.obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			kb, _ := json.Marshal(k) // a string always encodes
			b.Write(kb)
			b.WriteByte(':')
			n.obj[k].write(b)
		}
		b.WriteByte('}')
	case 'a':
		size := 0
		for i := range n.arr {
			if i+1 > size {
				size = i + 1
			}
		}
		b.WriteByte('[')
		for i := 0; i < size; i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			if c := n.arr[i]; c != nil {
				c.write(b)
			} else {
				b.WriteString("null")
			}
		}
		b.WriteByte(']')
	default:
		b.WriteString("null")
	}
}

// parsePath splits a JSON path strictly: keys are non-empty and free of
// ".[]", indexes are decimal numbers below a million.
func parsePath(p string) ([]segment, bool) {
	if p == "" {
		return nil, false
	}
	segs := splitPath(p)
	for i, s := range segs {
		if s.isIndex {
			if len(s.index) == 0 || len(s.index) > 6 || !isIndex(s.index) || i == 0 {
				return nil, false
			}
			continue
		}
		if s.key == "" || strings.ContainsAny(s.key, "[]") {
			return nil, false
		}
	}
	return segs, true
}
