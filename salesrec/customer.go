package salesrec

// Customer is the organisation a team sells to. Its name, short names and
// contacts' phone and email are confidential (see the storage and kb docs
// for how they are masked and kept out of the index).
type Customer struct {
	ID     string `json:"id"`
	TeamID string `json:"team_id"`
	// Name is the full legal name (客户名称需全称).
	Name string `json:"name"`
	// ShortNames are other names people use for the customer.
	ShortNames []string     `json:"short_names,omitempty"`
	Kind       CustomerKind `json:"kind"`
	// SubKind refines Kind, e.g. 复购 (repeat purchase) for 老客户-复购.
	SubKind  string    `json:"sub_kind,omitempty"`
	Industry string    `json:"industry"`
	Size     string    `json:"size,omitempty"`
	Contacts []Contact `json:"contacts,omitempty"`
}

// Contact is a person at the customer. Phone and Email are confidential.
type Contact struct {
	Name  string `json:"name"`
	Title string `json:"title"`
	Phone string `json:"phone,omitempty"`
	Email string `json:"email,omitempty"`
}
