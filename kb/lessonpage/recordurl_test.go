package lessonpage

import (
	"net/url"
	"strings"
	"testing"
)

func TestRecordLinkKeepsAnyIDInItsPlace(t *testing.T) {
	for _, tmpl := range []string{"/crm/engagements/{id}", "/crm?e={id}&tab=1", "https://crm.example.com/d/{id}/view"} {
		rec, err := parseRecordURL(tmpl)
		if err != nil {
			t.Fatal(err)
		}
		base, _ := url.Parse(strings.Replace(tmpl, "{id}", "ID", 1))
		for _, id := range []string{"e1", "javascript:alert(1)", "../../admin", "a/b?c=d&e=f#g", `"><script>`, "%2F", "中文", "a b\x00"} {
			got := rec.link(id)
			u, err := url.Parse(got)
			if err != nil {
				t.Errorf("%s %q: %q does not parse: %v", tmpl, id, got, err)
				continue
			}
			if u.Scheme != base.Scheme || u.Host != base.Host || u.Fragment != base.Fragment {
				t.Errorf("%s %q: %q moved to %s://%s#%s", tmpl, id, got, u.Scheme, u.Host, u.Fragment)
			}
			if strings.Count(u.EscapedPath(), "/") != strings.Count(base.EscapedPath(), "/") || len(u.Query()) != len(base.Query()) {
				t.Errorf("%s %q: %q adds a path segment or a parameter", tmpl, id, got)
			}
			if strings.ContainsAny(strings.TrimPrefix(got, rec.before), `"'<> `) {
				t.Errorf("%s %q: %q holds a quote, bracket or space", tmpl, id, got)
			}
		}
	}
}

func TestSnippetWithForeignMarkupIsEscaped(t *testing.T) {
	for frag, want := range map[string]string{
		"拆分<mark>两期</mark>交付":               "拆分<mark>两期</mark>交付",
		"&lt;b&gt;<mark>预算</mark>":          "&lt;b&gt;<mark>预算</mark>",
		"<mark>预算</mark><script>x</script>": "&lt;mark&gt;预算&lt;/mark&gt;&lt;script&gt;x&lt;/script&gt;",
		`<mark onclick="x">预算</mark>`:       "&lt;mark onclick=&#34;x&#34;&gt;预算&lt;/mark&gt;",
		"<mark>预算":                          "&lt;mark&gt;预算",
	} {
		if got := string(snippetHTML(frag)); got != want {
			t.Errorf("snippetHTML(%q) = %q, want %q", frag, got, want)
		}
	}
}
