package salesrec

import "testing"

func TestMaskPhone(t *testing.T) {
	for in, want := range map[string]string{
		"":               "",
		"13812345678":    "138****5678",
		"+8613812345678": "+86****5678",
		"010-12345678":   "010****5678",
		"1234567":        "****",
		"12345":          "****",
	} {
		if got := maskPhone(in); got != want {
			t.Errorf("maskPhone(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMaskEmail(t *testing.T) {
	for in, want := range map[string]string{
		"":                    "",
		"zhaomin@example.com": "z***@example.com",
		"张敏@例子.中国":            "张***@例子.中国",
		"@example.com":        "***",
		"not-an-email":        "***",
	} {
		if got := maskEmail(in); got != want {
			t.Errorf("maskEmail(%q) = %q, want %q", in, got, want)
		}
	}
}
