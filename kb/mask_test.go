package kb

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dealtrail/dealtrail/salesrec"
)

// TestMaskShapes: every way people write a phone number or an email is
// masked whether or not it is a stored contact's, and amounts, dates and
// counts are left alone.
func TestMaskShapes(t *testing.T) {
	m := newMasker(nil)
	tests := []struct{ in, want string }{
		{"座机021-6888 7777", "座机[电话]"},
		{"座机021 - 6888 7777转", "座机[电话]转"},
		{"手机+86 138 0013 8000", "手机[电话]"},
		{"手机(+86) 138-0013-8000", "手机[电话]"},
		{"手机0086 138 0013 8000", "手机[电话]"},
		{"手机86 13800138000", "手机[电话]"},
		{"座机（021）68887777", "座机[电话]"},
		{"座机(0755)8888-6666", "座机[电话]"},
		{"座机0755.8888.6666", "座机[电话]"},
		{"手机１３８００１３８０００", "手机[电话]"},
		{"手机１３８　００１３　８０００", "手机[电话]"},
		{"手机138.0013.8000", "手机[电话]"},
		{"热线400-820-8820", "热线[电话]"},
		{"call +1 (415) 555-0100", "call [phone]"},
		{"2024-04-10 13800138000", "2024-04-10 [phone]"},
		{"mail a.b@x.com.cn", "mail [email]"},
		{"邮箱ＡＢ．ｃｄ＠ｘ．ｃｏｍ．ｃｎ", "邮箱[邮箱]"},
		{"邮箱a.b+deal@mail.x-y.com.cn。", "邮箱[邮箱]。"},
		// Not phone numbers.
		{"华南区预算50万，2024-04-10前签约", "华南区预算50万，2024-04-10前签约"},
		{"2024.4.10 13:00 开会", "2024.4.10 13:00 开会"},
		{"订单123456件，金额1,200,000元", "订单123456件，金额1,200,000元"},
		{"合同额 12 000 000 元", "合同额 12 000 000 元"},
		{"version 2.13.1 of the ERP", "version 2.13.1 of the ERP"},
	}
	for _, tc := range tests {
		if got := m.mask(tc.in); got != tc.want {
			t.Errorf("mask(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestMaskTeamIdentities: a masker built from a team's identities masks
// every customer of the team, its contacts, and names it no longer uses;
// a Latin name only matches as a whole word.
func TestMaskTeamIdentities(t *testing.T) {
	ids := []salesrec.Identity{
		{CustomerID: "a", Kind: salesrec.IdentityName, Value: "华东精工制造股份有限公司"},
		{CustomerID: "a", Kind: salesrec.IdentityShortName, Value: "GE"},
		{CustomerID: "a", Kind: salesrec.IdentityName, Value: "华东精工制造有限公司"}, // former name
		{CustomerID: "b", Kind: salesrec.IdentityName, Value: "北岭航材"},
		{CustomerID: "b", Kind: salesrec.IdentityContactName, Value: "司马晴川"},
		{CustomerID: "b", Kind: salesrec.IdentityContactPhone, Value: "6888 7777"},
		{CustomerID: "b", Kind: salesrec.IdentityContactEmail, Value: "qc@beiling.example"},
		{CustomerID: "c", Kind: salesrec.IdentityShortName, Value: "华"}, // too short to mask
	}
	m := newMasker(ids)
	tests := []struct{ in, want string }{
		{"北岭航材的司马晴川也在评估", "某客户的客户联系人也在评估"},
		{"華東精工製造有限公司改名了", "某客户改名了"},
		{"GE asked for a general discount", "the customer asked for a general discount"},
		{"GE's buyer", "the customer's buyer"},
		{"ge2024 budget", "the customer2024 budget"},
		{"AGE and GEL stay", "AGE and GEL stay"},
		{"分机6888 7777", "分机[电话]"},
		{"写信给qc@beiling.example", "写信给[邮箱]"},
		{"华南区", "华南区"},
	}
	for _, tc := range tests {
		if got := m.mask(tc.in); got != tc.want {
			t.Errorf("mask(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// fuzzIdentities are the identities FuzzMask masks with: Chinese and
// Latin names of two characters and more.
var fuzzIdentities = []salesrec.Identity{
	{Kind: salesrec.IdentityName, Value: "华东精工"},
	{Kind: salesrec.IdentityShortName, Value: "HDJG"},
	{Kind: salesrec.IdentityShortName, Value: "ab"},
	{Kind: salesrec.IdentityContactName, Value: "陈静"},
	{Kind: salesrec.IdentityContactName, Value: "Acme Lee"},
}

// phoneShape writes a phone number chosen by n in the form chosen by
// style: a mobile, a landline, a service number, a +86 mobile or an
// international number, with spaces, dashes, dots, brackets or full-width
// digits.
func phoneShape(n uint64, style uint8) string {
	digits := func(k int) string {
		s := fmt.Sprintf("%020d", n)
		return s[len(s)-k:]
	}
	var parts []string
	switch style % 5 {
	case 0: // mobile 1[3-9]x xxxx xxxx
		d := "1" + string(rune('3'+n%7)) + digits(9)
		parts = []string{d[:3], d[3:7], d[7:]}
	case 1: // landline (0AA) or (0AAA) and 7 or 8 digits
		area := "0" + string(rune('1'+n%9)) + digits(1+int(n%2))
		local := digits(7 + int(n/2%2))
		parts = []string{area, local[:len(local)-4], local[len(local)-4:]}
	case 2: // 400 / 800
		parts = []string{[]string{"400", "800"}[n%2], digits(3), digits(4)}
	case 3: // +86 mobile
		d := "1" + string(rune('3'+n%7)) + digits(9)
		parts = []string{"+86", d[:3], d[3:7], d[7:]}
	default: // + country code and 7 to 10 digits
		parts = []string{"+" + digits(1+int(n%3)), digits(7 + int(n/3%4))}
	}
	seps := []string{"", " ", "-", ".", " - "}
	sep := seps[int(style/5)%len(seps)]
	out := strings.Join(parts, sep)
	if style/25%2 == 1 && style%5 == 1 {
		out = "(" + parts[0] + ")" + strings.Join(parts[1:], sep)
	}
	if style/50%2 == 1 {
		out = strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' || r == '+' || r == '-' || r == '(' || r == ')' {
				return r + 0xFEE0 // full width
			}
			return r
		}, out)
	}
	return out
}

// FuzzMask: whatever surrounds it, a phone number or an email in any of
// the shapes people write becomes exactly its placeholder; masking twice
// changes nothing more than masking once (no shape or name the masker
// knows survives it); valid UTF-8 stays valid; and the output is never
// longer than 8 times the input (the longest placeholder, 15 bytes,
// replaces at least 2).
func FuzzMask(f *testing.F) {
	f.Add("华东精工的陈静说", "下周签约", uint64(13800138000), uint8(0))
	f.Add("call", "today", uint64(68887777), uint8(31))
	f.Add("HDJG budget 50万", "2024-04-10", uint64(4158675309), uint8(4))
	f.Add("ab@", "@cd.com", uint64(1), uint8(77))
	f.Add("1", "2", uint64(99), uint8(53))
	m := newMasker(fuzzIdentities)
	f.Fuzz(func(t *testing.T, prefix, suffix string, n uint64, style uint8) {
		for _, plain := range []string{prefix, suffix, prefix + suffix} {
			once := m.mask(plain)
			if twice := m.mask(once); twice != once {
				t.Fatalf("mask(%q) = %q, but masking that again gives %q", plain, once, twice)
			}
			if len(once) > 8*len(plain) {
				t.Fatalf("mask(%q) = %q: %d bytes from %d", plain, once, len(once), len(plain))
			}
			if utf8.ValidString(plain) && !utf8.ValidString(once) {
				t.Fatalf("mask(%q) = %q is not valid UTF-8", plain, once)
			}
		}
		// 号 is Chinese (so placeholders are Chinese) and can be part of
		// no phone number, email or name.
		phone := phoneShape(n, style)
		if got := m.mask(prefix + "号" + phone + "号" + suffix); !strings.Contains(got, "号[电话]号") {
			t.Fatalf("phone %q in %q: masked to %q", phone, prefix+"号"+phone+"号"+suffix, got)
		}
		email := fmt.Sprintf("u%d.x+%d@mail%d.example.com.cn", n%97, style, n%13)
		if style%2 == 1 {
			email = strings.ToUpper(email)
		}
		if got := m.mask(prefix + "号" + email + "号" + suffix); !strings.Contains(got, "号[邮箱]号") {
			t.Fatalf("email %q in %q: masked to %q", email, prefix+"号"+email+"号"+suffix, got)
		}
	})
}
