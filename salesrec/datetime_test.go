package salesrec

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseInstant(t *testing.T) {
	utc := time.UTC
	want := time.Date(2024, 3, 6, 15, 0, 0, 0, shanghaiTZ)
	for _, s := range []string{
		"2024-03-06 下午03:00",
		"2024-03-06 下午3:00",
		"2024年3月6日 15:00",
		"2024年3月6日下午3:00",
		"2024/3/6 3:00 PM",
		"  2024-03-06   15:00 ",
		"2024-03-06T15:00:00+08:00",
		"2024-03-06T07:00:00Z",
	} {
		got, err := ParseInstant(s, shanghaiTZ)
		if err != nil {
			t.Errorf("ParseInstant(%q): %v", s, err)
			continue
		}
		if !got.Equal(want) {
			t.Errorf("ParseInstant(%q) = %v, want %v", s, got, want)
		}
	}

	t.Run("RFC 3339 keeps its offset", func(t *testing.T) {
		got, err := ParseInstant("2024-03-06T07:00:00Z", shanghaiTZ)
		if err != nil || got.Location() != utc {
			t.Errorf("got %v in %v, %v", got, got.Location(), err)
		}
	})
	t.Run("a day and time is read in the given zone", func(t *testing.T) {
		got, err := ParseInstant("2024-03-06 15:00", utc)
		if err != nil || !got.Equal(time.Date(2024, 3, 6, 15, 0, 0, 0, utc)) {
			t.Errorf("got %v, %v", got, err)
		}
	})
	t.Run("no zone means the default", func(t *testing.T) {
		got, err := ParseInstant("2024-03-06 下午03:00", nil)
		if err != nil || !got.Equal(want) {
			t.Errorf("got %v, %v", got, err)
		}
	})
}

func TestParseInstantRefusals(t *testing.T) {
	for _, c := range []struct{ in, says string }{
		{"", "不是时间点"},
		{"2024-03-06", "不是时间点"},
		{"下午03:00", "不是时间点"},
		{"2024-02-30 下午03:00", "没有“2024-02-30”这一天"},
		{"2024-03-06 下午13:00", "下午13:00"},
		{"2024-03-06 25:00", "“25:00”不是时间"},
		{"yesterday afternoon", "“yesterday”不是日期"},
	} {
		_, err := ParseInstant(c.in, shanghaiTZ)
		var ie *InputError
		if !errors.As(err, &ie) || !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseInstant(%q) = %v, want an *InputError", c.in, err)
			continue
		}
		if ie.Input != c.in || !strings.Contains(ie.Msg.Zh, c.says) || ie.Msg.En == "" {
			t.Errorf("ParseInstant(%q) says %q / %q, want %q in Chinese", c.in, ie.Msg.Zh, ie.Msg.En, c.says)
		}
	}
}
