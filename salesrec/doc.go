// Package salesrec is the domain of dealtrail: the sales team's business
// process record template as Go types, and every rule the template states.
//
// An Engagement is one customer pursuit, the template's record: its goal
// and business stage, the Interactions (each contact with its time, method,
// place, participants and points), the classified Needs, the Proposal, the
// follow-up Actions, the Outcome, the Lessons and the Remarks. Customers,
// Teams and Members complete the model.
//
// The pieces fit together like this:
//
//   - Validation. Every type has a value-receiver Validate method built on
//     ozzo-validation; Rules.Validate checks a whole engagement with
//     configurable vague-phrase lists. Errors are *ValidationError values
//     keyed by JSON path ("interactions[0].points[2].handling"), each with
//     a Message in Chinese and in English as a sales manager would say it
//     (words.go holds them all, findings' words too); Error() is Chinese
//     and Text(EN) English. They satisfy errors.Is(err, ErrInvalid). A
//     value typed by a person that a parser cannot read (ParseDate,
//     ParseClock, ParseMoney, ParseBudget, Parse and UnmarshalText of an
//     enum) is refused with an *InputError: the input and a Message, the
//     same two languages, the same errors.Is(err, ErrInvalid). Every text field
//     refuses NUL bytes and invalid UTF-8 and has a length limit (see
//     MaxTextChars and its siblings). Every id a caller may choose follows
//     the id rule: 1 to MaxIDLen ASCII letters, digits, '-', '_' or '.',
//     starting with a letter or digit (see CheckID).
//   - Vague content. Actions that are only a vague verb (跟进, follow up)
//     and needs or points that are only a vague phrase (客户有需求,
//     interested) are refused, as is a goal made only of either (跟进客户,
//     有需求); see IsVague, DefaultVagueActions and DefaultVagueContent.
//   - Status. CheckTransition, Engagement.Close and Engagement.Reopen carry
//     the open → won / terminated rules and their outcome requirements.
//   - Time. No rule reads the wall clock: callers pass "now" from a Clock.
//     Rules.StampInteraction applies the 24-hour rule (late contacts are
//     marked, or refused in LateRefuse mode); Action.Overdue derives 已逾期
//     from the deadline, the team's time zone and now.
//   - Formats. ParseDate, ParseClock/FormatClock, ParseMoney/Money.String
//     and ParseBudget read and write the template's formats with exact
//     arithmetic; ParseInstant reads a moment as RFC 3339 or as the
//     template's day and time ("2024-03-06 下午03:00") in the team's zone;
//     Parse reads any enum from its code or either label.
//   - Whole edits. MatchIDs gives the items of an engagement sent back
//     without ids the ids of the stored items they equal, so a PUT of what
//     was read changes nothing.
//   - Notes. ParseNotes reads a contact's points pasted the way the
//     template writes them (客户提出:… 销售承诺:… 异议:… 处理:… 结果:…),
//     naming every line it cannot place; FormatNotes writes them back.
//   - Findings. Rules.Findings lists soft problems (late contacts, overdue
//     actions, stale engagements, missing lessons, commitments without a
//     follow-up, objections without a result) without refusing anything.
//   - History. Diff computes leaf-level field changes between two versions
//     and Replay rebuilds an engagement at any version from its history;
//     HistoryWords tells the entries in words, zh or en, as a manager reads
//     an audit trail ("张伟 记录了一次沟通(电话,下午03:00)"), keeping the
//     field changes underneath.
//   - Access. CanRead says which engagements a member reads (managers and
//     admins their team's, reps those they take part in), CanWrite and
//     CanCreate which they change and create; CanReadCustomer,
//     CanCreateCustomer and CanUpdateCustomer the same for customers;
//     CanSeeContacts whose contacts' phone and email they see as written,
//     and MaskContacts what the others see. Every store applies these
//     rules, and storagetest's access matrix holds the SQL stores to them.
//   - Teams. CanManageTeam, CanChangeRole and CanDeactivate say who renames
//     a team and changes its members (managers and admins; admin roles
//     only by an admin); CheckKeepsManager keeps one in charge. A
//     deactivated member (Member.DeactivatedAt) may do nothing
//     (ErrDeactivated); Reassign and CheckHandTo hand their open work over,
//     OpenWorkError says what is left. TeamHistoryEntry and
//     CustomerHistoryEntry record changes to teams and customers as
//     HistoryEntry does for engagements (DiffRecord); a duplicate customer
//     is a DuplicateCustomerError naming the existing one.
//   - Review and reminders. Rules.ReviewEngagement says what one engagement
//     brings to the team review (周复盘) in a ReviewWindow; CanReview who
//     may read whose review; Review.Lines writes it in zh or en.
//     ActionReminder, Rules.SilentSince and Rules.MeetingUnrecorded say
//     what to remind, Rules.ReminderMessage in which words (see
//     docs/reminders.md).
//
// The package imports only the standard library and ozzo-validation; it
// knows nothing of storage or search. docs/template.md maps every template
// field to its Go field and JSON name.
package salesrec
