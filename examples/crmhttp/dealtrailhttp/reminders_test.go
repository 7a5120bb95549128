package dealtrailhttp_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
)

func TestRemindersClaimedAndAcknowledgedByTheirMember(t *testing.T) {
	f := newFixture(t)
	n, err := f.store.ProduceReminders(context.Background(), "east", time.Time{})
	if err != nil || n != 1 {
		t.Fatalf("ProduceReminders: %d, %v; want the overdue action's one reminder", n, err)
	}
	type answer struct{ Items []salesrec.Reminder }
	none := decodeAs[answer](t, f.do(t, "r2", "POST", "/reminders/claim", `{}`).want(t, http.StatusOK))
	if len(none.Items) != 0 {
		t.Fatalf("r2 claimed r1's reminders: %+v", none.Items)
	}
	got := decodeAs[answer](t, f.do(t, "r1", "POST", "/reminders/claim", `{"n":10,"lease_seconds":120}`).want(t, http.StatusOK))
	if len(got.Items) != 1 || got.Items[0].ActionID != "a-late" || got.Items[0].Kind != salesrec.ReminderOverdue {
		t.Fatalf("r1 claimed %+v", got.Items)
	}
	rem := got.Items[0]
	if !strings.Contains(rem.Message.Zh, "已逾期") || !strings.Contains(rem.Message.En, "overdue") {
		t.Fatalf("reminder text %+v", rem.Message)
	}
	f.do(t, "r2", "POST", "/reminders/"+rem.ID+"/ack", nil).want(t, http.StatusConflict)
	f.do(t, "r1", "POST", "/reminders/"+rem.ID+"/ack", nil).want(t, http.StatusNoContent)
	f.do(t, "r1", "POST", "/reminders/"+rem.ID+"/ack", nil).want(t, http.StatusNoContent)
	f.do(t, "r1", "POST", "/reminders/no-such/ack", nil).want(t, http.StatusNotFound)
	for _, body := range []string{`{"n":5000}`, `{"lease_seconds":9223372036854775807}`, `{"lease_seconds":-1}`} {
		f.do(t, "r1", "POST", "/reminders/claim", body).want(t, http.StatusUnprocessableEntity)
	}
	f.do(t, "r1", "POST", "/reminders/claim", `{"n":"all"}`).want(t, http.StatusBadRequest)
	f.do(t, "ghost", "POST", "/reminders/claim", `{}`).want(t, http.StatusForbidden)
}
