// Package kb is the team knowledge base: a Bleve index over what a sales
// team has learned — the success and improvement points of its
// engagements, the reasons engagements were terminated, and the customer
// objections it handled, with how and with what result — kept in step
// with the database and searched in Chinese, English or both.
//
// # Pieces
//
//   - Source is the small interface kb needs from storage: the ordered
//     change feed and its head, a list of every engagement id, a system
//     snapshot of one engagement, every identity (name, short name,
//     contact) a team's customers ever held, and the actor-checked reads.
//     Every storage adapter satisfies it; kbtest has an in-memory one for
//     tests and examples, under the stores' access rules
//     (kbtest.RunSourceContract holds it and a real store to one table).
//   - Open opens (or creates) an index directory. One Index owns its
//     directory; a second opener fails with ErrLocked after
//     Options.LockTimeout instead of hanging.
//   - Sync catches up with the feed once; Follow keeps catching up until
//     its context ends, woken by the source when it implements
//     ChangeNotifier and polling otherwise. The feed position is stored in
//     the index in the same batch as the documents it covers, so a crash
//     never skips or repeats a change.
//   - One engagement that cannot be indexed (a corrupt state, a snapshot
//     that fails) never stops the index: it is put in quarantine — its
//     documents withdrawn, the error recorded in the index — and retried on
//     its next change or by Rebuild. Index.Quarantined lists them;
//     Options.Quarantined reports each.
//   - Rebuild builds a fresh index in a new directory from the engagements
//     themselves (then the feed from the head it took first), so a feed
//     that lost or pruned rows cannot shrink it, and swaps it in while
//     searches keep using the old one.
//   - Recreate replaces an index Open refuses (ErrFormat: written by
//     another version of kb) with one built afresh the same way.
//   - Search answers a Query for an actor: free text, filters, facets,
//     highlights, paging and sorting, always restricted to the actor's
//     team before anything is ranked or counted. Similar finds the lessons
//     of closed engagements closest to an open one.
//
// # What the index holds
//
// Document ids are derived from the engagement id, escaped so that no id
// can reach another engagement's documents or kb's own records, which live
// in a namespace of their own (see docs/kb.md, Document ids).
//
// One document per lesson, termination reason and objection (its text,
// handling and result together), with its kind, outcome, reason category,
// industry, customer type, stage, team, owner, date, amount and engagement
// id. Every name and short name any customer of the team holds or ever
// held is replaced by 某客户 / "the customer", every contact name by
// 客户联系人 / "the contact", phone numbers and emails in any written shape
// by placeholders, before anything is indexed; when a team's set of names
// grows, documents already indexed that hold a new one are masked again
// and the segments that held the old text are merged away. A result shows the
// customer's name only when the actor may read the engagement, read
// through the Source at search time, never from the index.
//
// # Text analysis
//
// Full-width forms fold to ASCII and traditional characters to simplified
// ones before tokenizing; Latin words are lower-cased and English plurals
// reduced; Chinese is indexed as bigrams plus single characters, searched
// as bigrams (a one-character query as itself). Scoring is BM25. A team
// synonym list widens queries: DefaultSynonyms is a vocabulary of sales
// wording with Chinese and English in each group (vocabulary.go, listed
// in docs/kb.md), which Options.Synonyms replaces or extends; a member of
// several words (数据 迁移) is found by its words. Words that name a document kind (价格异议, "price objection",
// 失败原因) are taken out of the text and favour documents of that kind. docs/kb.md explains each step and why.
package kb
