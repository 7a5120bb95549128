package salesrectest

import "github.com/dealtrail/dealtrail/salesrec"

// Team returns a new sales team. Most teams work in Asia/Shanghai; a few
// abroad write their records in English.
func (g *Generator) Team() salesrec.Team {
	v, tz := &zhVocab, salesrec.DefaultTimeZone
	switch g.weighted(85, 8, 7) {
	case 1:
		v, tz = &enVocab, "Asia/Singapore"
	case 2:
		v, tz = &enVocab, "Europe/London"
	}
	return salesrec.Team{
		ID:       g.id(),
		Name:     pick(g, v.teamNames) + " " + g.code(),
		TimeZone: tz,
	}
}

// Members returns n members of team: the first is its manager, the rest
// are reps. n below 1 is taken as 1.
func (g *Generator) Members(team salesrec.Team, n int) []salesrec.Member {
	n = max(n, 1)
	out := make([]salesrec.Member, n)
	for i := range out {
		role := salesrec.RoleRep
		if i == 0 {
			role = salesrec.RoleManager
		}
		v := &zhVocab
		if team.TimeZone != salesrec.DefaultTimeZone || g.chance(0.1) {
			v = &enVocab
		}
		out[i] = salesrec.Member{ID: g.id(), TeamID: team.ID, Name: g.personName(v), Role: role}
	}
	return out
}

// personName returns a full name in the vocabulary's language.
func (g *Generator) personName(v *vocab) string {
	s, n := pick(g, v.surnames), pick(g, v.givenNames)
	if v == &zhVocab {
		return s + n
	}
	return n + " " + s
}

// code returns a short team code such as "07".
func (g *Generator) code() string {
	const digits = "0123456789"
	return string([]byte{digits[g.rng.IntN(10)], digits[g.rng.IntN(10)]})
}
