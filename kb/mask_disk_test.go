package kb

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/vellum"
	zap "github.com/blevesearch/zapx/v17"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

// TestMaskedIdentitiesLeaveTheDisk follows a team through a rename, a
// removed contact and a short name added later, each time checking every
// file of the index directory for the confidential values of the team's
// customers (see secretsOnDisk): none may be there after the first sync,
// after each change and after Rebuild, on SQLite and PostgreSQL.
func TestMaskedIdentitiesLeaveTheDisk(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		maskedIdentitiesLeaveTheDisk(t, openSQLite(t, filepath.Join(t.TempDir(), "kb.db")), nil)
	})
	t.Run("postgres", func(t *testing.T) {
		dsn := postgresSchema(t)
		s := openPostgres(t, dsn)
		maskedIdentitiesLeaveTheDisk(t, s, func() string { return feedEnd(t, s, dsn) })
	})
}

// maskedIdentitiesLeaveTheDisk runs the test on s; feedEnd, when set,
// returns the position of the store's last change once its feed shows it.
func maskedIdentitiesLeaveTheDisk(t *testing.T, s *storage.Store, feedEnd func() string) {
	ctx := context.Background()
	w := newWorld(t, s, "华东")
	create := func(c salesrec.Customer) salesrec.Customer {
		t.Helper()
		c.Kind, c.Industry = salesrec.CustomerNew, "制造业"
		c, err := s.CreateCustomer(ctx, w.manager.ID, c)
		if err != nil {
			t.Fatalf("CreateCustomer: %v", err)
		}
		return c
	}
	a := create(salesrec.Customer{Name: "江南星辰智造有限公司", ShortNames: []string{"星辰智造"},
		Contacts: []salesrec.Contact{{Name: "欧阳怀瑾", Title: "CTO", Phone: "021-6888 7777", Email: "huaijin.ouyang@xc-zz.com.cn"}}})
	b := create(salesrec.Customer{Name: "北岭翼展航材股份公司",
		Contacts: []salesrec.Contact{{Name: "司马晴川", Title: "采购经理", Phone: "+86 139 0017 2266"}}})
	lessons := func(c salesrec.Customer, texts ...string) salesrec.Engagement {
		t.Helper()
		w.customers = []salesrec.Customer{c}
		e := w.addEngagement(t, 0)
		e.Lessons = nil
		for _, tx := range texts {
			e.Lessons = append(e.Lessons, salesrec.Lesson{Kind: salesrec.LessonSuccess, Text: tx})
		}
		e, err := s.UpdateEngagement(ctx, w.rep.ID, e)
		if err != nil {
			t.Fatalf("UpdateEngagement: %v", err)
		}
		return e
	}
	ea := lessons(a,
		"北岭翼展的司马晴川也在看我们的方案，回电021-6888 7777",
		"欧阳怀瑾对交付周期很满意，mail huaijin.ouyang@xc-zz.com.cn",
		"手机 +86 138 0013 8000，备用１３８００１３８００１")
	lessons(b,
		"江南星辰智造有限公司 is the reference we used",
		"客户说云岫精密比我们便宜，座机（０２１）６９９９８８８８")

	dir := t.TempDir()
	x, err := Open(dir, s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	secrets := []string{"江南星辰智造有限公司", "星辰智造", "欧阳怀瑾", "021-6888 7777", "huaijin.ouyang@xc-zz.com.cn",
		"北岭翼展航材股份公司", "司马晴川", "+86 138 0013 8000", "１３８００１３８００１", "（０２１）６９９９８８８８"}
	check := func(step string) {
		t.Helper()
		if err := x.Sync(ctx); err != nil {
			t.Fatalf("%s: Sync: %v", step, err)
		}
		if feedEnd != nil {
			// The feed shows every change now, so one more Sync applies all.
			end := feedEnd()
			if err := x.Sync(ctx); err != nil {
				t.Fatalf("%s: Sync: %v", step, err)
			}
			if pos, _ := x.Position(); pos != end {
				t.Fatalf("%s: index at %q, feed at %q", step, pos, end)
			}
		}
		if found := secretsOnDisk(t, x, dir, secrets); len(found) > 0 {
			t.Fatalf("%s: on disk: %q", step, found)
		}
	}
	check("first sync")

	// Rename: the new name is in a lesson already indexed, the old one
	// must stay masked in every text written later.
	a.Name = "云岫精密有限公司"
	a.ShortNames = []string{"云岫精密"}
	if a, err = s.UpdateCustomer(ctx, w.manager.ID, a); err != nil {
		t.Fatalf("UpdateCustomer: %v", err)
	}
	secrets = append(secrets, "云岫精密")
	lessons(b, "老对手江南星辰智造有限公司又来了")
	check("rename")

	// The contact leaves: her name and phone stay masked.
	a.Contacts = []salesrec.Contact{{Name: "上官云舒", Title: "CIO"}}
	if a, err = s.UpdateCustomer(ctx, w.manager.ID, a); err != nil {
		t.Fatalf("UpdateCustomer: %v", err)
	}
	secrets = append(secrets, "上官云舒")
	lessons(a, "欧阳怀瑾离职了，上官云舒接手，旧座机021 6888-7777停用")
	check("contact removal")

	// A short name added later that an indexed lesson already uses.
	b.ShortNames = []string{"北岭翼展"}
	if _, err = s.UpdateCustomer(ctx, w.manager.ID, b); err != nil {
		t.Fatalf("UpdateCustomer: %v", err)
	}
	secrets = append(secrets, "北岭翼展")
	check("short name added later")

	if err := x.Rebuild(ctx, nil); err != nil {
		t.Fatalf("Rebuild: %v", err)
	}
	check("Rebuild")

	// The masked lessons are still there, as placeholders.
	res, err := x.Search(ctx, w.manager.ID, Query{Text: "回电", PageSize: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 || res.Hits[0].EngagementID != ea.ID ||
		res.Hits[0].Text != "某客户的客户联系人也在看我们的方案，回电[电话]" {
		t.Fatalf("the masked lesson reads %+v", res.Hits)
	}
}

// secretsOnDisk returns the secrets the index directory still holds in
// any of three forms:
//   - the raw bytes, in any file under dir;
//   - inside a stored field of any document of any segment file, deleted
//     documents included: zap compresses stored fields (snappy), so a
//     byte search alone could miss them;
//   - as indexed terms: every term the text analyzer makes of the secret
//     present in the text field's dictionary of one segment file. Terms
//     are spread over the dictionary's automaton, never stored whole, and
//     Chinese is indexed as bigrams, so this is the form a search would
//     find; each secret has at least one term no other text in the test
//     produces.
//
// Bleve keeps merging in the background, so a segment file may be half
// written, or gone, while it is read: the whole check is then run again,
// up to 100 times.
func secretsOnDisk(t *testing.T, x *Index, dir string, secrets []string) []string {
	t.Helper()
	var err error
	for range 100 {
		var found []string
		if found, err = readSecrets(x, dir, secrets); err == nil {
			return found
		}
	}
	t.Fatalf("read %s: %v", dir, err)
	return nil
}

func readSecrets(x *Index, dir string, secrets []string) ([]string, error) {
	x.mu.RLock()
	an := x.cur.idx.Mapping().AnalyzerNamed(textAnalyzer)
	x.mu.RUnlock()
	found := map[string]bool{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, s := range secrets {
			if bytes.Contains(raw, []byte(s)) {
				found[s+" (bytes of "+filepath.Base(path)+")"] = true
			}
		}
		if !strings.HasSuffix(path, ".zap") {
			return nil
		}
		seg, err := (&zap.ZapPlugin{}).Open(path)
		if err != nil {
			return err
		}
		defer seg.Close()
		for n := range seg.Count() {
			if err := seg.VisitStoredFields(n, func(_ string, _ byte, value []byte, _ []uint64) bool {
				for _, s := range secrets {
					if bytes.Contains(value, []byte(s)) {
						found[s+" (stored field in "+filepath.Base(path)+")"] = true
					}
				}
				return true
			}); err != nil {
				return err
			}
		}
		dict, err := seg.Dictionary(fieldText)
		if err != nil {
			return err
		}
		terms := map[string]bool{}
		it := dict.AutomatonIterator(&vellum.AlwaysMatch{}, nil, nil)
		for e, err := it.Next(); e != nil && err == nil; e, err = it.Next() {
			terms[e.Term] = true
		}
		for _, s := range secrets {
			all := true
			for _, tok := range an.Analyze([]byte(s)) {
				all = all && terms[string(tok.Term)]
			}
			if all {
				found[s+" (terms in "+filepath.Base(path)+")"] = true
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []string
	for s := range found {
		out = append(out, s)
	}
	return out, nil
}
