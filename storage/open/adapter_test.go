package open

import "testing"

func TestAdapterFromDSN(t *testing.T) {
	tests := []struct {
		dsn, want string
	}{
		{"postgres://postgres@127.0.0.1:5432/x?sslmode=disable", "postgres"},
		{"postgresql://127.0.0.1/x", "postgres"},
		{"host=127.0.0.1 dbname=x user=postgres sslmode=disable", "postgres"},
		{"dbname=x", "postgres"},
		{"user=postgres host=/var/run/postgresql", "postgres"},
		{"  sslmode=disable host=db", "postgres"},
		{"dealtrail.db", "sqlite"},
		{"data/host=1.db", "sqlite"},
		{"./host=1.db", "sqlite"},
		{"file:host=1.db", "sqlite"},
		{"file:dealtrail.db?_pragma=busy_timeout(5000)", "sqlite"},
		{"my notes=1.db", "sqlite"},
		{"mysql://localhost/db", ""},
		{"", ""},
	}
	for _, tc := range tests {
		if got := adapter(tc.dsn); got != tc.want {
			t.Errorf("adapter(%q) = %q, want %q", tc.dsn, got, tc.want)
		}
	}
}
