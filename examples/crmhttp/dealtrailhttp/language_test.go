package dealtrailhttp

import (
	"net/http/httptest"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
)

func TestLangOfAcceptLanguage(t *testing.T) {
	tests := []struct {
		header string
		want   salesrec.Lang
	}{
		{"", salesrec.ZH},
		{"zh-CN,zh;q=0.9,en;q=0.8", salesrec.ZH},
		{"en", salesrec.EN},
		{"en-US,en;q=0.9", salesrec.EN},
		{"EN-gb", salesrec.EN},
		{"zh;q=0.5, en", salesrec.EN},
		{"en;q=0.3, zh-TW;q=0.8", salesrec.ZH},
		{"fr-FR, en;q=0.5", salesrec.EN},
		{"fr-FR, de", salesrec.ZH},
		{"en;q=0", salesrec.ZH},
		{"en;q=abc", salesrec.ZH},
		{"en;q=0.8, zh;q=0.8", salesrec.EN},
		{"*", salesrec.ZH},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", "/", nil)
		if tt.header != "" {
			r.Header.Set("Accept-Language", tt.header)
		}
		if got := langOf(r); got != tt.want {
			t.Errorf("Accept-Language %q: lang = %q, want %q", tt.header, got, tt.want)
		}
	}
}
