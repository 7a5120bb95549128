package kb

// Document ids. The index holds two kinds of document, and their ids live
// in two namespaces that no engagement id, however it was chosen, can make
// meet:
//
//   - Derived documents, one per lesson, termination reason and objection:
//     escapeID(engagement) + "/" + what it is ("lesson/0", "reason",
//     "objection/1/2"). escapeID keeps ASCII letters, digits, '-', '_' and
//     '.' and writes every other byte as %XX, so its output holds no '/'
//     and no '~', and the first '/' of a derived id ends the engagement
//     part: two engagements never share a document id.
//   - Internal documents, kb's own records (an engagement's state, see
//     engagementState: internalPrefix + kind + "/" + escapeID(engagement);
//     the hidden document compaction adds: internalPrefix + "compact").
//     They start with '~', a byte no derived id starts with (its first
//     byte is one escapeID writes, or the '/' after an empty id).
//
// Engagement ids that follow salesrec's id rule need no escaping, so their
// document ids read as before: <engagement>/lesson/<i>.

// internalPrefix starts every internal document id.
const internalPrefix = "~"

// escapeID writes an engagement id so that it can be one segment of a
// document id: bytes outside [A-Za-z0-9._-] become %XX (upper-case hex).
// It is injective, and an id that needs no escaping is returned as it is.
func escapeID(id string) string {
	n := 0
	for i := 0; i < len(id); i++ {
		if !plainByte(id[i]) {
			n++
		}
	}
	if n == 0 {
		return id
	}
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, len(id)+2*n)
	for i := 0; i < len(id); i++ {
		c := id[i]
		if plainByte(c) {
			b = append(b, c)
			continue
		}
		b = append(b, '%', hex[c>>4], hex[c&0xf])
	}
	return string(b)
}

// plainByte reports whether escapeID keeps c as it is.
func plainByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '-' || c == '_' || c == '.'
}

// docPrefix is how every derived document id of an engagement starts.
func docPrefix(engagementID string) string { return escapeID(engagementID) + "/" }

// stateID is the id of an engagement's state document.
func stateID(engagementID string) string {
	return internalPrefix + "state/" + escapeID(engagementID)
}
