package salesrec

import "time"

// Team is a sales team. Its time zone decides when a deadline has passed.
type Team struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// TimeZone is an IANA zone name such as "Asia/Shanghai"; empty means
	// Asia/Shanghai, the template's home.
	TimeZone string `json:"time_zone,omitempty"`
	// Version counts the team's changes (its own and its members'): 1 when
	// created, one more with every entry of its history (TeamHistoryEntry).
	// A store sets it.
	Version int64 `json:"version,omitempty"`
}

// DefaultTimeZone is the zone used when a team names none.
const DefaultTimeZone = "Asia/Shanghai"

// Location loads the team's time zone.
func (t Team) Location() (*time.Location, error) {
	name := t.TimeZone
	if name == "" {
		name = DefaultTimeZone
	}
	return time.LoadLocation(name)
}

// Validate checks a team: a name and, if given, a time zone that loads.
func (t Team) Validate() error {
	zone := field("time_zone", t.TimeZone, text(MaxNameChars))
	if zone.err == nil && t.TimeZone != "" {
		if _, err := time.LoadLocation(t.TimeZone); err != nil || t.TimeZone == "Local" {
			zone.err = problem(msgUnknownZone(t.TimeZone))
		}
	}
	return asValidationError(structErrors(
		field("id", t.ID, ownID),
		field("name", t.Name, required(MaxNameChars, Message{})),
		zone,
	))
}

// Member is a person on a team. A member who left is deactivated, not
// removed: the history keeps their name, and they may no longer act
// (ErrDeactivated).
type Member struct {
	ID     string `json:"id"`
	TeamID string `json:"team_id"`
	Name   string `json:"name"`
	Role   Role   `json:"role"`
	// DeactivatedAt is when the member was deactivated; zero while active.
	// A store sets it.
	DeactivatedAt time.Time `json:"deactivated_at,omitzero"`
}

// Active reports whether the member may still act.
func (m Member) Active() bool { return m.DeactivatedAt.IsZero() }

// Validate checks a member: team, name and a known role.
func (m Member) Validate() error {
	return asValidationError(structErrors(
		field("id", m.ID, ownID),
		field("team_id", m.TeamID, required(MaxIDChars, msgMemberTeam)),
		field("name", m.Name, required(MaxNameChars, Message{})),
		field("role", m.Role, enumRequired),
	))
}
