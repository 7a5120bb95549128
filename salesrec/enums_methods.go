// Enum methods, one block per type declared in enums.go.

package salesrec

// Each enum type gets the same four methods: its table, a display label,
// a validity check and text unmarshalling that refuses unknown values.

func (Role) table() enumTable { return roles }

// Label returns the value's zh or en label.
func (r Role) Label(lang Lang) string { return roles.label(string(r), lang) }

// Valid reports whether the value is one of the known codes.
func (r Role) Valid() bool { return roles.known(string(r)) }

// UnmarshalText accepts a code or either label; unknown values are errors.
func (r *Role) UnmarshalText(b []byte) error { return unmarshalEnum(r, b) }

func (CustomerKind) table() enumTable { return customerKinds }

// Label returns the value's zh or en label.
func (c CustomerKind) Label(lang Lang) string { return customerKinds.label(string(c), lang) }

// Valid reports whether the value is one of the known codes.
func (c CustomerKind) Valid() bool { return customerKinds.known(string(c)) }

// UnmarshalText accepts a code or either label; unknown values are errors.
func (c *CustomerKind) UnmarshalText(b []byte) error { return unmarshalEnum(c, b) }

func (Stage) table() enumTable { return stages }

// Label returns the value's zh or en label.
func (s Stage) Label(lang Lang) string { return stages.label(string(s), lang) }

// Valid reports whether the value is one of the known codes.
func (s Stage) Valid() bool { return stages.known(string(s)) }

// UnmarshalText accepts a code or either label; unknown values are errors.
func (s *Stage) UnmarshalText(b []byte) error { return unmarshalEnum(s, b) }

func (Status) table() enumTable { return statuses }

// Label returns the value's zh or en label.
func (s Status) Label(lang Lang) string { return statuses.label(string(s), lang) }

// Valid reports whether the value is one of the known codes.
func (s Status) Valid() bool { return statuses.known(string(s)) }

// UnmarshalText accepts a code or either label; unknown values are errors.
func (s *Status) UnmarshalText(b []byte) error { return unmarshalEnum(s, b) }

func (Method) table() enumTable { return methods }

// Label returns the value's zh or en label.
func (m Method) Label(lang Lang) string { return methods.label(string(m), lang) }

// Valid reports whether the value is one of the known codes.
func (m Method) Valid() bool { return methods.known(string(m)) }

// UnmarshalText accepts a code or either label; unknown values are errors.
func (m *Method) UnmarshalText(b []byte) error { return unmarshalEnum(m, b) }

func (Speaker) table() enumTable { return speakers }

// Label returns the value's zh or en label.
func (s Speaker) Label(lang Lang) string { return speakers.label(string(s), lang) }

// Valid reports whether the value is one of the known codes.
func (s Speaker) Valid() bool { return speakers.known(string(s)) }

// UnmarshalText accepts a code or either label; unknown values are errors.
func (s *Speaker) UnmarshalText(b []byte) error { return unmarshalEnum(s, b) }

func (PointKind) table() enumTable { return pointKinds }

// Label returns the value's zh or en label.
func (p PointKind) Label(lang Lang) string { return pointKinds.label(string(p), lang) }

// Valid reports whether the value is one of the known codes.
func (p PointKind) Valid() bool { return pointKinds.known(string(p)) }

// UnmarshalText accepts a code or either label; unknown values are errors.
func (p *PointKind) UnmarshalText(b []byte) error { return unmarshalEnum(p, b) }

func (Subject) table() enumTable { return subjects }

// Label returns the value's zh or en label.
func (s Subject) Label(lang Lang) string { return subjects.label(string(s), lang) }

// Valid reports whether the value is one of the known codes.
func (s Subject) Valid() bool { return subjects.known(string(s)) }

// UnmarshalText accepts a code or either label; unknown values are errors.
func (s *Subject) UnmarshalText(b []byte) error { return unmarshalEnum(s, b) }

func (NeedClass) table() enumTable { return needClasses }

// Label returns the value's zh or en label.
func (n NeedClass) Label(lang Lang) string { return needClasses.label(string(n), lang) }

// Valid reports whether the value is one of the known codes.
func (n NeedClass) Valid() bool { return needClasses.known(string(n)) }

// UnmarshalText accepts a code or either label; unknown values are errors.
func (n *NeedClass) UnmarshalText(b []byte) error { return unmarshalEnum(n, b) }

func (Priority) table() enumTable { return priorities }

// Label returns the value's zh or en label.
func (p Priority) Label(lang Lang) string { return priorities.label(string(p), lang) }

// Valid reports whether the value is one of the known codes.
func (p Priority) Valid() bool { return priorities.known(string(p)) }

// UnmarshalText accepts a code or either label; unknown values are errors.
func (p *Priority) UnmarshalText(b []byte) error { return unmarshalEnum(p, b) }

func (ActionStatus) table() enumTable { return actionStatuses }

// Label returns the value's zh or en label.
func (a ActionStatus) Label(lang Lang) string { return actionStatuses.label(string(a), lang) }

// Valid reports whether the value is one of the known codes.
func (a ActionStatus) Valid() bool { return actionStatuses.known(string(a)) }

// UnmarshalText accepts a code or either label; unknown values are errors.
func (a *ActionStatus) UnmarshalText(b []byte) error { return unmarshalEnum(a, b) }

func (ReasonCategory) table() enumTable { return reasonCategories }

// Label returns the value's zh or en label.
func (r ReasonCategory) Label(lang Lang) string { return reasonCategories.label(string(r), lang) }

// Valid reports whether the value is one of the known codes.
func (r ReasonCategory) Valid() bool { return reasonCategories.known(string(r)) }

// UnmarshalText accepts a code or either label; unknown values are errors.
func (r *ReasonCategory) UnmarshalText(b []byte) error { return unmarshalEnum(r, b) }

func (LessonKind) table() enumTable { return lessonKinds }

// Label returns the value's zh or en label.
func (l LessonKind) Label(lang Lang) string { return lessonKinds.label(string(l), lang) }

// Valid reports whether the value is one of the known codes.
func (l LessonKind) Valid() bool { return lessonKinds.known(string(l)) }

// UnmarshalText accepts a code or either label; unknown values are errors.
func (l *LessonKind) UnmarshalText(b []byte) error { return unmarshalEnum(l, b) }

func (Collaboration) table() enumTable { return collaborations }

// Label returns the value's zh or en label.
func (c Collaboration) Label(lang Lang) string { return collaborations.label(string(c), lang) }

// Valid reports whether the value is one of the known codes.
func (c Collaboration) Valid() bool { return collaborations.known(string(c)) }

// UnmarshalText accepts a code or either label; unknown values are errors.
func (c *Collaboration) UnmarshalText(b []byte) error { return unmarshalEnum(c, b) }

func (PlaceMode) table() enumTable { return placeModes }

// Label returns the value's zh or en label.
func (p PlaceMode) Label(lang Lang) string { return placeModes.label(string(p), lang) }

// Valid reports whether the value is one of the known codes.
func (p PlaceMode) Valid() bool { return placeModes.known(string(p)) }

// UnmarshalText accepts a code or either label; unknown values are errors.
func (p *PlaceMode) UnmarshalText(b []byte) error { return unmarshalEnum(p, b) }
