package salesrec

import "strconv"

// Participants lists, once each and in order of appearance, the members who
// take part in the engagement: its owner, the team members linked as sales
// participants of its contacts, and the owners of its actions. A rep may
// read the engagements they take part in.
func (e Engagement) Participants() []string {
	seen := map[string]bool{}
	var out []string
	add := func(id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	add(e.OwnerID)
	for _, in := range e.Interactions {
		for _, p := range in.SalesParticipants {
			add(p.MemberID)
		}
	}
	for _, a := range e.Actions {
		add(a.OwnerID)
	}
	return out
}

// CheckMembers checks the template's rule that the people of a record are
// members of the sales team: the owner, every action's owner (负责人为销售
// 团队成员) and every sales participant linked to a member. isMember says
// whether an id is a member of the engagement's team; a store answers it
// from its member table. Keys are JSON paths such as "actions[1].owner_id".
func (e Engagement) CheckMembers(isMember func(id string) bool) error {
	msg := msgNotMember
	fields := map[string]Message{}
	if e.OwnerID != "" && !isMember(e.OwnerID) {
		fields["owner_id"] = msg
	}
	for i, a := range e.Actions {
		if a.OwnerID != "" && !isMember(a.OwnerID) {
			fields["actions["+strconv.Itoa(i)+"].owner_id"] = msg
		}
	}
	for i, in := range e.Interactions {
		for j, p := range in.SalesParticipants {
			if p.MemberID != "" && !isMember(p.MemberID) {
				fields["interactions["+strconv.Itoa(i)+"].sales_participants["+strconv.Itoa(j)+"].member_id"] = msg
			}
		}
	}
	if len(fields) == 0 {
		return nil
	}
	return &ValidationError{Fields: fields}
}
