package salesrec

import "time"

// Team is a sales team. Its time zone decides when a deadline has passed.
type Team struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// TimeZone is an IANA zone name such as "Asia/Shanghai"; empty means
	// Asia/Shanghai, the template's home.
	TimeZone string `json:"time_zone,omitempty"`
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

// Member is a person on a team.
type Member struct {
	ID     string `json:"id"`
	TeamID string `json:"team_id"`
	Name   string `json:"name"`
	Role   Role   `json:"role"`
}
