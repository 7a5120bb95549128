package salesrec

// Who reads what. These are the rules every store applies: the SQL
// adapters restate them as query conditions where speed asks for it (a
// list is filtered in the database, not here) and their conformance suite
// checks the two agree; kb's in-memory test source calls them as they are.

// SeesTeam reports whether a member in role r reads every engagement of
// their team: managers and admins do; reps read only the engagements they
// take part in (see CanRead).
func (r Role) SeesTeam() bool { return r == RoleManager || r == RoleAdmin }

// CanRead reports whether member m may read (and so write) engagement e. A
// manager or admin reads every engagement of their own team; a rep reads
// the engagements of their team they take part in, as the owner, as a
// sales participant of one of its interactions or as the owner of one of
// its actions (Engagement.Participants). Nobody reads another team's
// engagements, and a member without an id reads nothing.
func CanRead(m Member, e Engagement) bool {
	if m.ID == "" || m.TeamID == "" || m.TeamID != e.TeamID {
		return false
	}
	if m.Role.SeesTeam() {
		return true
	}
	for _, id := range e.Participants() {
		if id == m.ID {
			return true
		}
	}
	return false
}

// CanSeeContacts reports whether member m sees the phone numbers and e-mail
// addresses of customer c's contacts as written. Any member of c's team
// reads the customer; the others read its contacts masked (MaskContacts).
// Managers and admins of c's team see them, and so does a rep of the team
// who owns an engagement with c: taking part in one, or owning one of its
// actions, is not enough.
//
// ownsEngagement answers whether m owns an engagement with c; it is called
// only for a rep of c's team, so a store asks its database only then. Its
// error is returned as it is.
func CanSeeContacts(m Member, c Customer, ownsEngagement func() (bool, error)) (bool, error) {
	if m.ID == "" || m.TeamID == "" || m.TeamID != c.TeamID {
		return false, nil
	}
	if m.Role.SeesTeam() {
		return true, nil
	}
	return ownsEngagement()
}
