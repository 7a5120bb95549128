package kb

import (
	"fmt"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
)

// groupSet holds the ids of the synonym groups an index generation has
// tagged every one of its documents with. A query searches such a group by
// its id; any other group by its members' own terms.
type groupSet map[string]bool

// keyGroups is the internal key that lists, one id per line, the groups
// of the generation's groupSet.
const keyGroups = "kb/synonym_groups"

// newGroupSet is the set of a fresh generation: every group of syn. The
// caller stores it (see groupSet.value) with the generation's first batch.
func newGroupSet(syn synonyms) groupSet {
	s := make(groupSet, len(syn.ids))
	for _, id := range syn.ids {
		s[id] = true
	}
	return s
}

// value is the set as stored under keyGroups.
func (s groupSet) value() []byte {
	ids := make([]string, 0, len(s))
	for id := range s {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return []byte(strings.Join(ids, "\n"))
}

// openGroupSet reads the set a generation was built with and keeps only
// the groups syn still has: documents indexed from now on are tagged with
// syn's groups, so a group that is no longer configured may be missing
// from them, and a group that is new is missing from the older documents.
// Those are searched by their members until a Rebuild tags everything
// again. A set that shrank is stored before anything is indexed, so a
// later open never trusts a group some documents lack. An index that
// never stored a set (built before kb tagged synonyms) trusts none.
func openGroupSet(idx bleve.Index, syn synonyms) (groupSet, error) {
	raw, err := idx.GetInternal([]byte(keyGroups))
	if err != nil {
		return nil, fmt.Errorf("kb: read synonym groups: %w", err)
	}
	current := newGroupSet(syn)
	kept, stored := groupSet{}, 0
	for _, id := range strings.Split(string(raw), "\n") {
		if id == "" {
			continue
		}
		stored++
		if current[id] {
			kept[id] = true
		}
	}
	if len(kept) < stored {
		if err := idx.SetInternal([]byte(keyGroups), kept.value()); err != nil {
			return nil, fmt.Errorf("kb: store synonym groups: %w", err)
		}
	}
	return kept, nil
}
