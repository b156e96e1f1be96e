// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/boardstore.h>
#include <storage/exchange/csvimport.h>
#include <storage/exchange/importplan.h>

#include <QDialog>
#include <QFutureWatcher>

#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QStandardItemModel;
class QTableView;

namespace hb::app {

/**
 * File > Import > Trello Board or CSV File: the file read in the background; for a CSV, which column is which field and
 * what its values mean, with a preview of its first rows (guessed, to be corrected); then what the import would do
 * (a dry run), the import itself in the background with a progress bar and Cancel (all or nothing: a cancelled import
 * leaves the board as it was), and what it did. The board stays usable meanwhile: the import works on a connection of
 * its own.
 */
class ImportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportDialog)

public:
    enum class Source { Trello, Csv };
    ImportDialog(Source source, const QString &filePath, const QString &boardPath, const storage::StoreOptions &options,
                 QWidget *parent = nullptr);
    ~ImportDialog() override;

    /// The pages, in the order they come (the CSV's mapping only for a CSV).
    enum class Page { Reading, Mapping, Review, Importing, Done };
    Page page() const;

Q_SIGNALS:
    /// The import landed: the board has new or updated cards.
    void imported(const storage::ImportSummary &summary);

protected:
    void reject() override;

private:
    using Outcome = storage::Result<storage::ImportSummary>;
    void read();
    void showMapping();
    /// The mapping as the page shows it now.
    storage::csvimport::Mapping mappingShown() const;
    void fillValues();
    /// Makes the plan (of the file as mapped) and runs it as a dry run: the review page says what would happen.
    void review();
    void startImport();
    void showOutcome(const Outcome &outcome, bool dryRun);
    void setPage(Page page);
    void fail(const QString &message);
    /// Runs boardimport::apply() on a connection of its own, in the background.
    void run(bool dryRun);

    Source m_source;
    QString m_filePath;
    QString m_boardPath;
    storage::StoreOptions m_options;
    storage::CsvTable m_table;
    storage::csvimport::Mapping m_guess;
    storage::ImportPlan m_plan;
    std::shared_ptr<std::atomic<bool>> m_cancel = std::make_shared<std::atomic<bool>>(false);
    QFutureWatcher<storage::Result<storage::CsvTable>> m_csvReading;
    QFutureWatcher<storage::Result<storage::ImportPlan>> m_planning; ///< a Trello file read, a CSV's plan made
    QFutureWatcher<Outcome> m_running;
    bool m_dryRun = true;

    QStackedWidget *m_pages = nullptr;
    QLabel *m_readingLabel = nullptr;
    QLabel *m_fileLabel = nullptr;
    QTableView *m_preview = nullptr;
    QStandardItemModel *m_previewModel = nullptr;
    QList<QComboBox *> m_fieldBoxes; ///< one per csvimport::Field, in its order
    QTableView *m_values = nullptr;
    QStandardItemModel *m_valuesModel = nullptr;
    QLineEdit *m_dateFormat = nullptr;
    QCheckBox *m_group = nullptr;
    QPlainTextEdit *m_reviewText = nullptr;
    QCheckBox *m_update = nullptr;
    QLabel *m_progressLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QPlainTextEdit *m_doneText = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_back = nullptr;
    QPushButton *m_next = nullptr;
    QPushButton *m_cancelButton = nullptr;
};

} // namespace hb::app
