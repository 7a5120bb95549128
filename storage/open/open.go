package open

import (
	"context"
	"fmt"
	"strings"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/postgres"
	"github.com/dealtrail/dealtrail/storage/sqlite"
)

// Open opens the store dsn names with the settings every adapter takes,
// migrating it unless o.SkipMigrate. See the package doc for the DSNs; a
// host that needs an adapter's own settings calls that adapter's Open.
func Open(ctx context.Context, dsn string, o storage.Options) (*storage.Store, error) {
	switch adapter(dsn) {
	case "postgres":
		return postgres.Open(ctx, dsn, postgres.Options{Options: o})
	case "sqlite":
		return sqlite.Open(ctx, dsn, sqlite.Options{Options: o})
	}
	if dsn == "" {
		return nil, fmt.Errorf("open: empty DSN: %w", salesrec.ErrInvalid)
	}
	scheme, _, _ := strings.Cut(dsn, "://")
	return nil, fmt.Errorf("open: unknown scheme %q (use postgres://, key=value, file: or a path): %w", scheme, salesrec.ErrInvalid)
}

// adapter names the adapter for dsn: "postgres", "sqlite", or "" when dsn
// is empty or has an unknown scheme.
func adapter(dsn string) string {
	switch {
	case dsn == "":
		return ""
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"), isKeyValue(dsn):
		return "postgres"
	case strings.Contains(dsn, "://"):
		return ""
	default:
		return "sqlite"
	}
}

// libpqKeys are the libpq connection keywords a key=value DSN starts with
// (https://www.postgresql.org/docs/current/libpq-connect.html).
var libpqKeys = []string{
	"host", "hostaddr", "port", "dbname", "user", "password", "passfile",
	"sslmode", "sslcert", "sslkey", "sslrootcert", "sslpassword", "sslsni",
	"connect_timeout", "application_name", "fallback_application_name",
	"options", "service", "target_session_attrs", "client_encoding",
	"keepalives", "keepalives_idle", "krbsrvname", "gssencmode",
}

// isKeyValue reports whether dsn is a libpq key=value connection string
// ("host=127.0.0.1 dbname=x user=postgres sslmode=disable"): its first
// word is keyword=… with a libpq keyword. A path such as "data/host=1.db"
// has a separator before its '=' and stays a path; a SQLite file literally
// named "host=….db" must be given as ./host=….db or file:host=….db.
func isKeyValue(dsn string) bool {
	first := strings.Fields(dsn)
	if len(first) == 0 {
		return false
	}
	key, _, ok := strings.Cut(first[0], "=")
	if !ok {
		return false
	}
	for _, k := range libpqKeys {
		if key == k {
			return true
		}
	}
	return false
}
