package demo

import (
	"context"
	"os"
	"path/filepath"

	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/transfer"
)

// RegisterFile is the team's register the demo writes into its directory.
const RegisterFile = "团队台账.xlsx"

// register writes the demo team's register, as the manager sees it, to the
// data directory and says where (docs/template.md, "The workbook").
func (d *demo) register(ctx context.Context) error {
	d.section("团队台账", "the team's register")
	path, err := filepath.Abs(filepath.Join(d.dir, RegisterFile))
	if err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	n, err := transfer.WriteRegisterXLSX(ctx, d.store, d.st.ManagerID, storage.Filter{}, f)
	if err != nil {
		return err
	}
	d.printf("已导出 %d 条业务到 Excel 台账 / exported %d engagements to the team's workbook:\n  %s\n", n, n, path)
	return f.Close()
}
