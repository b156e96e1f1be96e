// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's File > Import (a Trello board, a CSV file of tickets) and File > Export (cards as CSV, the board as
// JSON).
#include "importdialog.h"
#include "mainwindow.h"

#include <board/sync/storeworker.h>
#include <board/metrics/dataset.h>
#include <board/metrics/reportfiles.h>
#include <storage/boardstore.h>
#include <storage/exchange/boardexport.h>

#include <QDate>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QSaveFile>
#include <QStatusBar>

namespace hb::app {

void MainWindow::importTrello()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import a Trello Board"), QDir::homePath(),
                                                      tr("Trello exports (*.json);;All files (*)"));
    if (!path.isEmpty())
        importFrom(true, path);
}

void MainWindow::importCsv()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import Tickets from a CSV File"), QDir::homePath(),
                                                      tr("CSV files (*.csv *.txt *.tsv);;All files (*)"));
    if (!path.isEmpty())
        importFrom(false, path);
}

ImportDialog *MainWindow::importFrom(bool trello, const QString &path)
{
    if (!m_store || !m_actions)
        return nullptr;
    auto *dialog = new ImportDialog(trello ? ImportDialog::Source::Trello : ImportDialog::Source::Csv, path,
                                    m_store->path(), m_store->options(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The board's own reading follows with the cards: many at once, so the whole board is read again.
    connect(dialog, &ImportDialog::imported, this, [this](const storage::ImportSummary &summary) {
        reload();
        statusBar()->showMessage(summary.lines().constFirst(), 15000);
    });
    dialog->show();
    return dialog;
}

void MainWindow::exportCsv()
{
    const QString suggestion = QFileInfo(m_store->path()).completeBaseName() + QStringLiteral(" ")
                               + QDate::currentDate().toString(Qt::ISODate) + QStringLiteral(".csv");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the Cards as CSV"),
                                                      QDir::home().filePath(suggestion), tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportTo(path, true);
}

void MainWindow::exportJson()
{
    const QString suggestion = QFileInfo(m_store->path()).completeBaseName() + QStringLiteral(" ")
                               + QDate::currentDate().toString(Qt::ISODate) + QStringLiteral(".json");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the Board as JSON"),
                                                      QDir::home().filePath(suggestion), tr("JSON files (*.json)"));
    if (!path.isEmpty())
        exportTo(path, false);
}

void MainWindow::exportTo(const QString &path, bool csv)
{
    // Reads the whole board (and, for the CSV, works out every ticket's figures): on the maintenance thread.
    statusBar()->showMessage(tr("Exporting the board to %1…").arg(QDir::toNativeSeparators(path)));
    m_maintenance->submit(
            [path, csv](storage::BoardStore &store) -> board::Saved {
                QSaveFile file(path);
                if (!file.open(QIODevice::WriteOnly))
                    return board::Saved(storage::Error{storage::ErrorKind::Io,
                                                       tr("cannot write %1: %2").arg(path, file.errorString())});
                storage::Status written;
                if (csv) {
                    auto dataset = board::metrics::readDataset(store, store.now());
                    written = dataset ? board::metrics::writeCardsCsv(store, *dataset, &file)
                                      : storage::Status(dataset.error());
                } else {
                    written = storage::BoardExport::writeBoardViaCopy(store, QDir::tempPath(), &file);
                }
                if (!written)
                    return board::Saved(written);
                if (!file.commit())
                    return board::Saved(storage::Error{storage::ErrorKind::Io,
                                                       tr("cannot write %1: %2").arg(path, file.errorString())});
                return board::Saved(storage::Status());
            },
            [this, path](const board::Saved &saved) {
                if (!saved.status) {
                    statusBar()->clearMessage();
                    warn(tr("Not exported"), saved.status.error().message);
                } else {
                    statusBar()->showMessage(tr("Exported the board to %1").arg(QDir::toNativeSeparators(path)), 10000);
                }
                Q_EMIT exported(path, saved.status.ok());
            });
}

} // namespace hb::app
