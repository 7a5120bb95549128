package salesrec

// Who may do what to an engagement. These are the rules every store
// applies: the SQL adapters restate the read rule as query conditions where
// speed asks for it (a list is filtered in the database, not here) and
// their conformance suite checks on a generated matrix that the two agree;
// kb's in-memory test source calls them as they are. The rules for
// customers are in access_customer.go.
//
// A member without an id, or whose id names no member, may do nothing; a
// store answers such a call with ErrForbidden before any rule is asked.

// SeesTeam reports whether a member in role r reads every engagement of
// their team: managers and admins do; reps read only the engagements they
// take part in (see CanRead).
func (r Role) SeesTeam() bool { return r == RoleManager || r == RoleAdmin }

// CanRead reports whether member m may read engagement e: get it and its
// history, and find it in lists, counts, action lists and the customer
// names of search hits. A manager or admin reads every engagement of their own team; a rep reads
// the engagements of their team they take part in, as the owner, as a
// sales participant of one of its interactions or as the owner of one of
// its actions (Engagement.Participants). Nobody reads another team's
// engagements, and a member without an id, or deactivated, reads nothing. A store answers
// a read it refuses with ErrNotFound, as for an engagement that does not
// exist, and leaves the engagement out of lists.
func CanRead(m Member, e Engagement) bool {
	if !m.Active() || m.ID == "" || m.TeamID == "" || m.TeamID != e.TeamID {
		return false
	}
	if m.Role.SeesTeam() {
		return true
	}
	return takesPart(m, e)
}

// CanWrite reports whether member m may change engagement e as it is
// stored: update it, log an interaction, set an action's status, add a
// remark, close it or reopen it. Whoever may read an engagement may write
// it (CanRead): the role adds no restriction, and no operation is reserved
// for managers. The rule is judged on the stored engagement, before the
// change, so a rep may hand an engagement over to someone else and lose
// sight of it. A store answers a write it refuses with ErrNotFound, as it
// answers the read.
func CanWrite(m Member, e Engagement) bool { return CanRead(m, e) }

// CanCreate reports whether member m may create engagement e, whose TeamID
// is already set (a store sets an empty one to m's team). It must be of
// m's team; a manager or admin may create any engagement of it, a rep only
// one they take part in (so that they can read what they wrote). A store
// answers a creation it refuses with ErrForbidden: the engagement does not
// exist yet, so there is nothing to hide.
func CanCreate(m Member, e Engagement) bool { return CanRead(m, e) }

// takesPart reports whether m is among e's participants.
func takesPart(m Member, e Engagement) bool {
	for _, id := range e.Participants() {
		if id == m.ID {
			return true
		}
	}
	return false
}
