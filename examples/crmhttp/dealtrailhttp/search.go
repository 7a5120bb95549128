package dealtrailhttp

import (
	"net/http"
)

// Searcher is what the handler needs from the knowledge base.
// TODO(kb): replace with the kb package's query types once its API lands.
type Searcher interface{}

func (h *handler) search(w http.ResponseWriter, r *http.Request, actor string) error {
	if h.index == nil {
		return &requestError{status: http.StatusNotImplemented, msg: "knowledge-base search is not configured"}
	}
	return &requestError{status: http.StatusNotImplemented, msg: "knowledge-base search is not configured"}
}
