package salesrectest

import (
	"slices"
	"strconv"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
)

// interaction returns one contact at the given time: method and place,
// topic, participants of both sides and two to six points. About one in
// twenty is recorded late (after the 24-hour window) and marked so.
func (g *Generator) interaction(lang Lang, ind int, at time.Time, owner salesrec.Member, members []salesrec.Member, cust salesrec.Customer) salesrec.Interaction {
	c := g.ctx(lang, ind, at)
	in := salesrec.Interaction{
		ID:         g.id(),
		OccurredAt: at,
		Method:     [...]salesrec.Method{salesrec.MethodFaceToFace, salesrec.MethodVideo, salesrec.MethodPhone, salesrec.MethodEmail}[g.weighted(35, 30, 25, 10)],
		Topic:      g.fill(c, pick(g, c.v.topics)),
	}
	delay := time.Duration(g.between(5, 20*60)) * time.Minute
	if g.chance(0.05) {
		delay = time.Duration(g.between(25, 72)) * time.Hour
		in.Late = true
	}
	in.RecordedAt = at.Add(delay)
	in.Place = g.place(c, in.Method)

	for i := range g.between(1, 2) {
		var p salesrec.CustomerParticipant
		if i < len(cust.Contacts) {
			p = salesrec.CustomerParticipant{Name: cust.Contacts[i].Name, Title: cust.Contacts[i].Title}
		} else {
			p = salesrec.CustomerParticipant{Name: g.personName(c.v), Title: pick(g, c.v.titles)}
		}
		in.CustomerParticipants = append(in.CustomerParticipants, p)
	}
	in.SalesParticipants = []salesrec.SalesParticipant{{MemberID: owner.ID, Name: owner.Name, Role: c.v.salesRoles[0]}}
	if len(members) > 1 && g.chance(0.4) {
		m := members[g.rng.IntN(len(members))]
		if m.ID != owner.ID {
			in.SalesParticipants = append(in.SalesParticipants, salesrec.SalesParticipant{MemberID: m.ID, Name: m.Name, Role: pick(g, c.v.salesRoles[1:])})
		}
	}

	// The customer states a need first; the rest of the contact follows.
	in.Points = append(in.Points, salesrec.Point{Speaker: salesrec.SpeakerCustomer, Kind: salesrec.PointNeed, Text: g.fill(c, pick(g, c.v.coreNeeds))})
	for range g.between(1, 5) {
		p := g.point(g.ctx(lang, ind, at))
		if !slices.ContainsFunc(in.Points, func(q salesrec.Point) bool { return q.Text == p.Text }) {
			in.Points = append(in.Points, p)
		}
	}
	return in
}

// place returns where a contact happened: an address for a visit, the
// platform and meeting id for a video call, the channel for phone and email.
func (g *Generator) place(c textCtx, m salesrec.Method) salesrec.Place {
	zh := c.v == &zhVocab
	switch m {
	case salesrec.MethodFaceToFace:
		city := pick(g, zhVocab.companyCities)
		no := strconv.Itoa(g.between(1, 999))
		addr := city + "市" + pick(g, c.v.streets) + no + "号"
		if !zh {
			addr = no + " " + pick(g, c.v.streets) + ", " + pick(g, []string{"Shanghai", "Shenzhen", "Beijing", "Singapore", "London"})
		}
		return salesrec.Place{Mode: salesrec.PlaceOffline, Address: addr}
	case salesrec.MethodVideo:
		id := strconv.Itoa(g.between(100, 999)) + " " + strconv.Itoa(g.between(100, 999)) + " " + strconv.Itoa(g.between(100, 999))
		return salesrec.Place{Mode: salesrec.PlaceOnline, Platform: pick(g, c.v.platforms), MeetingID: id}
	case salesrec.MethodPhone:
		if zh {
			return salesrec.Place{Mode: salesrec.PlaceOnline, Platform: "电话"}
		}
		return salesrec.Place{Mode: salesrec.PlaceOnline, Platform: "phone"}
	}
	if zh {
		return salesrec.Place{Mode: salesrec.PlaceOnline, Platform: "企业邮箱"}
	}
	return salesrec.Place{Mode: salesrec.PlaceOnline, Platform: "email"}
}

// point returns one point after the opening need: feedback (with its
// subject), a question, an objection (with handling and result), an
// approval, an action taken or a commitment.
func (g *Generator) point(c textCtx) salesrec.Point {
	cust, sales := salesrec.SpeakerCustomer, salesrec.SpeakerSales
	switch g.weighted(25, 15, 20, 12, 14, 14) {
	case 0:
		subj := pick(g, subjectOrder)
		return salesrec.Point{Speaker: cust, Kind: salesrec.PointFeedback, Subject: subj, Text: g.fill(c, pick(g, c.v.feedback[subj]))}
	case 1:
		return salesrec.Point{Speaker: cust, Kind: salesrec.PointQuestion, Text: g.fill(c, pick(g, c.v.questions))}
	case 2:
		// The i-th result is what the i-th handling achieved; the last
		// result, a setback, can follow any handling.
		o := pick(g, c.v.objections)
		h := g.zipf(len(o.handling))
		r := min(h, len(o.results)-1)
		if g.chance(0.2) {
			r = len(o.results) - 1
		}
		return salesrec.Point{
			Speaker:  cust,
			Kind:     salesrec.PointObjection,
			Text:     g.fill(c, o.text),
			Handling: g.fill(c, o.handling[h]),
			Result:   g.fill(c, o.results[r]),
		}
	case 3:
		return salesrec.Point{Speaker: cust, Kind: salesrec.PointApproval, Text: g.fill(c, pick(g, c.v.approvals))}
	case 4:
		return salesrec.Point{Speaker: sales, Kind: salesrec.PointActionTaken, Text: g.fill(c, pick(g, c.v.actionsTaken))}
	}
	return salesrec.Point{Speaker: sales, Kind: salesrec.PointCommitment, Text: g.fill(c, pick(g, c.v.commitments))}
}
