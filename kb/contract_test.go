package kb

import (
	"path/filepath"
	"testing"

	"github.com/dealtrail/dealtrail/kb/kbtest"
)

// The in-memory source most kb tests run on answers kb's reads exactly as
// a real store does: one contract, the fake and both databases.
func TestSourceContract(t *testing.T) {
	t.Run("kbtest", func(t *testing.T) {
		kbtest.RunSourceContract(t, storeClock, func(t *testing.T) (kbtest.Reader, kbtest.Writer) {
			src := kbtest.New(storeClock)
			return src, src.Writer()
		})
	})
	t.Run("sqlite", func(t *testing.T) {
		kbtest.RunSourceContract(t, storeClock, func(t *testing.T) (kbtest.Reader, kbtest.Writer) {
			s := openSQLite(t, filepath.Join(t.TempDir(), "kb.db"))
			return s, s
		})
	})
	t.Run("postgres", func(t *testing.T) {
		kbtest.RunSourceContract(t, storeClock, func(t *testing.T) (kbtest.Reader, kbtest.Writer) {
			s := openPostgres(t, postgresSchema(t))
			return s, s
		})
	})
}
