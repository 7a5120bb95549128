// Package lessonpage is the team's lessons page: an http.Handler a host
// mounts under its own prefix to let a sales team search what it learned —
// the lessons, termination reasons and handled objections kb indexes —
// without writing a front end.
//
// The page is rendered on the server with html/template and one embedded
// stylesheet; it works with JavaScript off, and a small embedded script
// only adds conveniences (the sort order applies at once, "/" focuses the
// search box, the focus lands on the results). It offers a search box,
// facets with counts for kind, outcome, industry and reason category that
// switch filters on and off, highlighted snippets, paging, sorting by
// relevance or date, similar lessons for an engagement (?similar=<id>),
// and on each hit a link into the host's own record page. It speaks
// Chinese by default and English with ?lang=en; every word it shows is in
// words.go, both languages side by side. It reads on a phone in one
// column and is usable by keyboard and screen reader (landmarks, labels,
// a skip link, visible focus, aria-current on chosen filters and page).
//
// # What the host supplies
//
//   - Options.Index, the knowledge base (*kb.Index);
//   - Options.Actor, which maps a request to the acting member by the
//     host's own authentication; the page never decides who someone is;
//   - Options.Prefix, where it is mounted ("/lessons/");
//   - Options.RecordURL, the host's record page with {id} for the
//     engagement id ("/crm/engagements/{id}").
//
// # Safe by construction
//
// Lesson text is escaped by html/template; highlighted snippets come from
// kb already escaped with only <mark> added, and the page checks that
// before trusting them. RecordURL must fix the scheme and host (or be a
// path from the root) before {id}, and every byte of an id outside
// [A-Za-z0-9._~-] is %-escaped, so no id can make a javascript: link or
// leave the host's page. Only GET and HEAD are answered (others 405).
// Customer names come from kb.Hit.CustomerName, which kb fills in only for
// engagements the actor may read; the indexed text is masked. Every answer
// carries a Content-Security-Policy that allows the page's own stylesheet
// and script and nothing else (no inline script, no framing, forms only to
// itself), with X-Content-Type-Options, X-Frame-Options and
// Referrer-Policy; pages are not cached.
//
// docs/lessonpage.md explains mounting it in a host.
package lessonpage
