package storage

import "github.com/dealtrail/dealtrail/salesrec"

// Config is what the options of an adapter's Open or New set. Adapters read
// it through Configure; hosts set it through the With… options.
type Config struct {
	// Clock gives "now" for every time-dependent rule and every timestamp the
	// store sets. Default: salesrec.SystemClock.
	Clock salesrec.Clock
	// Rules validate every write. Default: salesrec.DefaultRules().
	Rules salesrec.Rules
	// Migrate, when set, says whether opening applies pending migrations.
	// Unset, each constructor uses its own default: Open migrates, New with a
	// host's *sql.DB never changes the schema.
	Migrate *bool
	// ListenDSN (PostgreSQL only) is the connection string a LISTEN
	// connection uses so WaitChange wakes on commits of other processes. Open
	// sets it from its DSN; New leaves it empty unless WithListenDSN is given,
	// and then WaitChange wakes on this process's own commits only.
	ListenDSN string
	// SQLiteSynchronous (SQLite only) is the PRAGMA synchronous level the
	// store writes with: "FULL" (the default), "EXTRA" or "NORMAL". Empty
	// means the default: FULL for Open (unless its DSN sets a synchronous
	// pragma of its own), and for New the host's connections as they are.
	SQLiteSynchronous string
}

// Option changes a Config.
type Option func(*Config)

// WithClock sets the clock the store takes "now" from.
func WithClock(c salesrec.Clock) Option { return func(cfg *Config) { cfg.Clock = c } }

// WithRules sets the rules writes are validated with.
func WithRules(r salesrec.Rules) Option { return func(cfg *Config) { cfg.Rules = r } }

// WithMigrate says whether opening applies pending migrations, overriding
// the constructor's default.
func WithMigrate(on bool) Option { return func(cfg *Config) { cfg.Migrate = &on } }

// WithListenDSN gives a PostgreSQL store built by New a connection string to
// LISTEN on, so WaitChange also wakes on other processes' commits.
func WithListenDSN(dsn string) Option { return func(cfg *Config) { cfg.ListenDSN = dsn } }

// WithSQLiteSynchronous sets the PRAGMA synchronous level of a SQLite
// store's writes: "FULL" (default), "EXTRA" or "NORMAL". NORMAL saves an
// fsync per commit, but an OS crash or power loss can then roll back the
// last commits after a feed reader (the knowledge base) applied them; see
// docs/storage.md. Other values are refused with salesrec.ErrInvalid.
func WithSQLiteSynchronous(level string) Option {
	return func(cfg *Config) { cfg.SQLiteSynchronous = level }
}

// Configure applies opts over the defaults. migrateByDefault is the
// constructor's default for Config.Migrate.
func Configure(migrateByDefault bool, opts ...Option) Config {
	cfg := Config{Clock: salesrec.SystemClock{}, Rules: salesrec.DefaultRules()}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if cfg.Clock == nil {
		cfg.Clock = salesrec.SystemClock{}
	}
	// Every write validates; prepare the phrase lists once per store.
	cfg.Rules = cfg.Rules.Prepared()
	if cfg.Migrate == nil {
		cfg.Migrate = &migrateByDefault
	}
	return cfg
}
