package kb

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/dealtrail/dealtrail/salesrec"
)

// keyIdentities holds the number of the last customer identity the index
// has re-masked its documents for (see catchUpIdentities).
const keyIdentities = "kb/identities"

// identityPage is how many new identities one round of catchUpIdentities
// reads.
const identityPage = 2000

// maxCachedIdentities bounds how many identities the maskers maskCache
// keeps hold in all: a masker's memory grows with its team's identities
// (about 200 bytes each), and a host of a thousand teams must not keep a
// thousand maskers. A listing by team (Rebuild) or a feed written team by
// team needs one team's masker at a time.
const maxCachedIdentities = 1 << 16

// maskCache holds one masker per team, built from every identity the
// team's customers ever held. A team's entry is dropped when the source
// records a new identity of the team, and entries are dropped to make
// room when the maskers hold more than maxCachedIdentities identities
// (the newest is always kept). The zero value is ready to use.
type maskCache struct {
	mu    sync.Mutex
	teams map[string]*teamMasker
	held  int // identities the cached maskers hold
	limit int // maxCachedIdentities when 0 (tests set less)
}

type teamMasker struct {
	m   *masker
	has map[identityKey]bool
}

type identityKey struct {
	customer string
	kind     salesrec.IdentityKind
	value    string
}

func keyOf(id salesrec.Identity) identityKey {
	return identityKey{id.CustomerID, id.Kind, strings.TrimSpace(id.Value)}
}

// forTeam returns the masker of team.
func (c *maskCache) forTeam(ctx context.Context, src Source, team string) (*masker, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if tm := c.teams[team]; tm != nil {
		return tm.m, nil
	}
	tm, err := c.load(ctx, src, team, nil)
	if err != nil {
		return nil, err
	}
	return tm.m, nil
}

// forCustomer returns the masker of cu's team, reloading it when it lacks
// one of the identities cu holds (cu was read after the masker was built).
func (c *maskCache) forCustomer(ctx context.Context, src Source, cu salesrec.Customer) (*masker, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	own := cu.Identities()
	if tm := c.teams[cu.TeamID]; tm != nil && tm.covers(own) {
		return tm.m, nil
	}
	tm, err := c.load(ctx, src, cu.TeamID, own)
	if err != nil {
		return nil, err
	}
	return tm.m, nil
}

func (tm *teamMasker) covers(ids []salesrec.Identity) bool {
	for _, id := range ids {
		if !tm.has[keyOf(id)] {
			return false
		}
	}
	return true
}

// load reads team's identities from src, adds extra (a customer read
// directly may hold identities the source has not listed yet), and
// caches the masker. c.mu is held.
func (c *maskCache) load(ctx context.Context, src Source, team string, extra []salesrec.Identity) (*teamMasker, error) {
	ids, err := src.CustomerIdentities(ctx, team)
	if err != nil {
		return nil, fmt.Errorf("read customer identities of team %s: %w", team, err)
	}
	tm := &teamMasker{has: make(map[identityKey]bool, len(ids)+len(extra))}
	for _, id := range ids {
		tm.has[keyOf(id)] = true
	}
	for _, id := range extra {
		if !tm.has[keyOf(id)] {
			tm.has[keyOf(id)] = true
			ids = append(ids, id)
		}
	}
	tm.m = newMasker(ids)
	c.drop(team)
	limit := c.limit
	if limit <= 0 {
		limit = maxCachedIdentities
	}
	// Make room: any entry will do (map order), a reload costs one read.
	for t := range c.teams {
		if c.held+len(tm.has) <= limit {
			break
		}
		c.drop(t)
	}
	if c.teams == nil {
		c.teams = make(map[string]*teamMasker)
	}
	c.teams[team] = tm
	c.held += len(tm.has)
	return tm, nil
}

// drop removes team's masker from the cache. c.mu is held.
func (c *maskCache) drop(team string) {
	if tm := c.teams[team]; tm != nil {
		c.held -= len(tm.has)
		delete(c.teams, team)
	}
}

// clear drops every team's masker.
func (c *maskCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.teams, c.held = nil, 0
}

// identityHead returns the number of the last identity the source has
// recorded (0 when none). from is 0 or the number of a recorded identity,
// where the search starts. It asks for one identity at a time, doubling
// its guess until nothing lies after it and then halving the gap, so it
// costs a few dozen reads however many identities a store holds (it read
// them all before: 4.7 million at 1,000,000 engagements), and one read
// when nothing was recorded after from.
func (x *Index) identityHead(ctx context.Context, from int64) (int64, error) {
	// after returns the number of the first identity after n, if any.
	after := func(n int64) (int64, bool, error) {
		ids, err := x.src.IdentitiesAfter(ctx, n, 1)
		if err != nil {
			return 0, false, fmt.Errorf("kb: read identities after %d: %w", n, err)
		}
		if len(ids) == 0 {
			return 0, false, nil
		}
		// A source must move forward, or the search would not end.
		if ids[0].Seq <= n {
			return 0, false, fmt.Errorf("kb: read identities after %d: the source returned %d", n, ids[0].Seq)
		}
		return ids[0].Seq, true, nil
	}
	// lo is 0 or a recorded identity; nothing is recorded after hi.
	lo, hi := from, int64(0)
	for probe := from; ; {
		seq, ok, err := after(probe)
		if err != nil {
			return 0, err
		}
		if !ok {
			hi = probe
			break
		}
		lo = seq
		if seq > math.MaxInt64/2 {
			hi = math.MaxInt64
			break
		}
		probe = 2 * seq
	}
	for lo < hi {
		mid := lo + (hi-lo)/2
		seq, ok, err := after(mid)
		if err != nil {
			return 0, err
		}
		if ok {
			lo = seq
		} else {
			hi = mid
		}
	}
	return lo, nil
}

// forget drops team's masker.
func (c *maskCache) forget(team string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.drop(team)
}

// maskers returns the masker of the team of each snapshot found, keyed by
// team.
func (x *Index) maskers(ctx context.Context, snaps map[string]snapshot) (map[string]*masker, error) {
	out := map[string]*masker{}
	for _, s := range snaps {
		if !s.found {
			continue
		}
		m, err := x.masks.forCustomer(ctx, x.src, s.c)
		if err != nil {
			return nil, fmt.Errorf("kb: %w", err)
		}
		// Customers of one team share the masker; the last reload wins
		// and covers every customer read so far.
		out[s.e.TeamID] = m
	}
	return out, nil
}

// catchUpIdentities follows the identities the source records. Each new
// one drops its team's masker, and every document of the team that names
// it is indexed again, masked; the segments that held the unmasked text
// are then merged away (see compact), so it leaves the disk too. A fresh
// index has nothing to re-mask and only records where the identities
// stand.
func (x *Index) catchUpIdentities(ctx context.Context, g *generation) error {
	idx := g.idx
	raw, err := idx.GetInternal([]byte(keyIdentities))
	if err != nil {
		return fmt.Errorf("kb: read identity position: %w", err)
	}
	var after int64
	if len(raw) > 0 {
		if after, err = strconv.ParseInt(string(raw), 10, 64); err != nil {
			return fmt.Errorf("kb: identity position %q is corrupt: %w", raw, err)
		}
	}
	pos, _, err := g.position()
	if err != nil {
		return err
	}
	if pos == "" {
		// Nothing is applied yet, so nothing indexed can need masking
		// again: the index starts at the identity head, and every masker
		// built from now on reads its team's identities whole.
		head, err := x.identityHead(ctx, after)
		if err != nil {
			return err
		}
		if head == after {
			return nil // nothing recorded since: one read
		}
		x.masks.clear()
		if err := idx.SetInternal([]byte(keyIdentities), []byte(strconv.FormatInt(head, 10))); err != nil {
			return fmt.Errorf("kb: store identity position: %w", err)
		}
		return nil
	}
	stored := after
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		ids, err := x.src.IdentitiesAfter(ctx, after, identityPage)
		if err != nil {
			return fmt.Errorf("kb: read identities after %d: %w", after, err)
		}
		if len(ids) == 0 {
			break
		}
		for _, id := range ids {
			x.masks.forget(id.TeamID)
		}
		var stale []salesrec.Change
		if len(pos) > 0 {
			if stale, err = x.mentions(ctx, g, ids); err != nil {
				return err
			}
		}
		after = ids[len(ids)-1].Seq
		if len(stale) > 0 {
			if err := x.remask(ctx, g, stale, pos, after); err != nil {
				return err
			}
			stored = after
		}
	}
	if after != stored {
		if err := idx.SetInternal([]byte(keyIdentities), []byte(strconv.FormatInt(after, 10))); err != nil {
			return fmt.Errorf("kb: store identity position: %w", err)
		}
	}
	return nil
}

// remask indexes the engagements again with their teams' current maskers,
// records the identity position after, and compacts the index when it
// replaced documents.
func (x *Index) remask(ctx context.Context, g *generation, stale []salesrec.Change, pos string, after int64) error {
	// A customer change at the position the index already has: the
	// engagements are indexed again whatever their version.
	changes := make([]salesrec.Change, len(stale))
	for i, c := range stale {
		changes[i] = salesrec.Change{Pos: pos, EngagementID: c.EngagementID, TeamID: c.TeamID, Op: salesrec.OpCustomerUpdate}
	}
	p, err := x.buildBatch(ctx, g, changes, nil, "", false)
	if err != nil {
		return err
	}
	p.b.SetInternal([]byte(keyIdentities), []byte(strconv.FormatInt(after, 10)))
	if err := x.commitBatch(ctx, g, p); err != nil {
		return err
	}
	// The unmasked text was in the shards the page wrote to.
	for n := range p.docs {
		idx, err := g.shards.get(n, true)
		if err != nil {
			return err
		}
		if err := compact(ctx, idx); err != nil {
			return err
		}
	}
	return nil
}

// mentions returns the engagements with an indexed document that a new
// identity among ids would mask now: the documents of the identity's team
// that hold its terms (see mentionQuery) and whose text the team's new
// masker changes.
func (x *Index) mentions(ctx context.Context, g *generation, ids []salesrec.Identity) ([]salesrec.Change, error) {
	seen := map[string]bool{}
	var out []salesrec.Change
	for _, id := range ids {
		q := mentionQuery(id.Value)
		if q == nil {
			continue
		}
		m, err := x.masks.forTeam(ctx, x.src, id.TeamID)
		if err != nil {
			return nil, fmt.Errorf("kb: %w", err)
		}
		idx, err := g.shards.get(shardOf(id.TeamID), false)
		if err != nil {
			return nil, err
		}
		if idx == nil {
			continue // the team has no documents
		}
		full := bleve.NewConjunctionQuery(term(fieldTeam, id.TeamID), q)
		var last []string
		for {
			req := bleve.NewSearchRequestOptions(full, 1000, 0, false)
			req.Fields = []string{fieldText, fieldEngagement}
			req.SortBy([]string{"_id"})
			if last != nil {
				req.SearchAfter = last
			}
			res, err := idx.SearchInContext(ctx, req)
			if err != nil {
				return nil, fmt.Errorf("kb: find documents naming a new identity: %w", err)
			}
			for _, h := range res.Hits {
				text, _ := h.Fields[fieldText].(string)
				eid, _ := h.Fields[fieldEngagement].(string)
				if eid == "" || seen[eid] || m.mask(text) == text {
					continue
				}
				seen[eid] = true
				out = append(out, salesrec.Change{EngagementID: eid, TeamID: id.TeamID})
			}
			if len(res.Hits) < 1000 {
				break
			}
			last = []string{res.Hits[len(res.Hits)-1].ID}
		}
	}
	return out, nil
}

// mentionQuery returns a query on the text field that every document
// whose text the masker would change for value matches (and some more),
// or nil when value has nothing to search by. Chinese text is indexed as
// bigrams, and a masked Chinese run is a substring of the text, so its
// bigrams are indexed terms. Other words may be glued to neighbours in the
// text (acme's, x.acme) into one indexed term, so the longest of them is
// searched as a part of any term; that reads the whole term dictionary,
// which is affordable for the rare new identity without Chinese in it.
//
// A bigram is indexed in one of its forms (word marks, see wordmarks.go),
// so each is searched in all of them. Characters that can be part of a
// quantity (numerals, multipliers, units: 九天, 万科 after 30) may have
// gone into a quantity term instead of a bigram, depending on the text
// around the name; bigrams holding one are not required, and a name with
// no other bigram matches every document (of the team: see mentions).
func mentionQuery(value string) query.Query {
	t := []rune(foldTerm(value))
	var bigrams []query.Query
	han := false
	for i := 0; i+1 < len(t); i++ {
		if !unicode.Is(unicode.Han, t[i]) || !unicode.Is(unicode.Han, t[i+1]) {
			continue
		}
		han = true
		if quantityBigram(t, i) {
			continue
		}
		forms := bigramForms(string(t[i:i+2]), 0)
		alts := make([]query.Query, len(forms))
		for k, f := range forms {
			alts[k] = term(fieldText, f.term)
		}
		bigrams = append(bigrams, bleve.NewDisjunctionQuery(alts...))
	}
	if len(bigrams) > 0 {
		return bleve.NewConjunctionQuery(bigrams...)
	}
	if han {
		return bleve.NewMatchAllQuery()
	}
	longest := ""
	for _, w := range strings.FieldsFunc(string(t), func(r rune) bool { return !isNameWordRune(r) }) {
		if len(w) > len(longest) {
			longest = w
		}
	}
	if longest == "" {
		return nil
	}
	key := strings.ToLower(longest)
	if strings.HasSuffix(key, "s") && len(key) > 2 && utf8.RuneCountInString(key) == len(key) {
		// English plurals are indexed singular (companies → company).
		key = key[:max(2, len(key)-3)]
	}
	q := bleve.NewWildcardQuery("*" + key + "*")
	q.SetField(fieldText)
	return q
}
