package salesrec

// Who may do what to a customer. Customers belong to a team; nobody reads
// or writes another team's.

// CanReadCustomer reports whether member m may read customer c: any member
// of c's team may, with the contacts' phone and email masked unless
// CanSeeContacts (MaskContacts). A store answers a read it refuses with
// ErrNotFound, as for a customer that does not exist.
func CanReadCustomer(m Member, c Customer) bool {
	return m.Active() && m.ID != "" && m.TeamID != "" && m.TeamID == c.TeamID
}

// CanCreateCustomer reports whether member m may create customer c, whose
// TeamID is already set (a store sets an empty one to m's team): any member
// may create customers of their own team, and only of it. A store answers a
// creation it refuses with ErrForbidden.
func CanCreateCustomer(m Member, c Customer) bool { return CanReadCustomer(m, c) }

// CanSeeContacts reports whether member m sees the phone numbers and e-mail
// addresses of customer c's contacts as written. Any member of c's team
// reads the customer (CanReadCustomer); the others read its contacts
// masked (MaskContacts). Managers and admins of c's team see them, so does
// the member who created c (CreatedBy), and so does a rep of the team who
// owns an engagement with c: taking part in one, or owning one of its
// actions, is not enough.
//
// ownsEngagement answers whether m owns an engagement with c; it is called
// only for a rep of c's team who did not create c, so a store asks its database only then. Its
// error is returned as it is.
func CanSeeContacts(m Member, c Customer, ownsEngagement func() (bool, error)) (bool, error) {
	if !CanReadCustomer(m, c) {
		return false, nil
	}
	if m.Role.SeesTeam() || c.CreatedBy == m.ID {
		return true, nil
	}
	return ownsEngagement()
}

// CanUpdateCustomer reports whether member m may update customer c as it
// is stored: exactly the members who see its contacts as written
// (CanSeeContacts), because whoever only read the masks would write them
// back over the real values. ownsEngagement is as for CanSeeContacts. A
// store answers an update by someone who may not read the customer
// (CanReadCustomer) with ErrNotFound, and one by a member of its team who
// may not update it with ErrForbidden.
func CanUpdateCustomer(m Member, c Customer, ownsEngagement func() (bool, error)) (bool, error) {
	return CanSeeContacts(m, c, ownsEngagement)
}
