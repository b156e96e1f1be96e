// SPDX-License-Identifier: GPL-3.0-or-later
#include "importdialog.h"

#include <storage/exchange/boardimport.h>
#include <storage/exchange/trelloimport.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace hb::app {

using namespace hb::storage;
namespace csvimport = storage::csvimport;

namespace {

constexpr int s_previewRows = 20;
constexpr int s_maxValuesShown = 60; ///< of each field: a column with more different values is no list of statuses
constexpr int ChoicesRole = Qt::UserRole + 1; ///< the meanings a value may have (choice()s)
constexpr int FieldRole = Qt::UserRole + 2;   ///< the csvimport::Field of a value's row
constexpr int CodeRole = Qt::UserRole + 3;    ///< the meaning as --value writes it ("doing+waiting-vendor")

/// A meaning to pick: how a person reads it, and how csvimport::mapValue() reads it.
QVariant choice(const QString &label, const QString &code)
{
    return QVariantList{label, code};
}

/// The value table's "Means" column: a list to pick from.
class ChoiceDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &index) const override
    {
        auto *box = new QComboBox(parent);
        for (const QVariant &each : index.data(ChoicesRole).toList())
            box->addItem(each.toList().value(0).toString(), each.toList().value(1));
        return box;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        auto *box = static_cast<QComboBox *>(editor);
        box->setCurrentIndex(std::max(0, box->findData(index.data(CodeRole))));
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override
    {
        // Both read first: the view puts a changed value back into the open editor.
        auto *box = static_cast<QComboBox *>(editor);
        const QString label = box->currentText();
        const QVariant code = box->currentData();
        model->setData(index, code, CodeRole);
        model->setData(index, label);
    }
};

QString statusText(const csvimport::StatusTarget &target)
{
    if (!target.column.isEmpty())
        return target.column;
    return toText(target.kind) + (target.tag == StatusTag::None ? QString() : u'+' + toText(target.tag));
}

QVariantList statusChoices()
{
    const std::pair<StatusTag, QString> tags[] = {
            {StatusTag::InProgress, ImportDialog::tr("in progress")},
            {StatusTag::NeedsReview, ImportDialog::tr("needs review")},
            {StatusTag::Blocked, ImportDialog::tr("blocked")},
            {StatusTag::WaitingRequester, ImportDialog::tr("waiting on the requester")},
            {StatusTag::WaitingVendor, ImportDialog::tr("waiting on a vendor")}};
    const std::pair<QString, QString> kinds[] = {{QStringLiteral("todo"), ImportDialog::tr("To do")},
                                                 {QStringLiteral("doing"), ImportDialog::tr("Doing")}};
    QVariantList choices;
    for (const auto &[kind, label] : kinds) {
        choices << choice(label, kind);
        for (const auto &[tag, tagLabel] : tags)
            choices << choice(ImportDialog::tr("%1, %2").arg(label, tagLabel), kind + u'+' + toText(tag));
    }
    choices << choice(ImportDialog::tr("Done"), QStringLiteral("done"));
    return choices;
}

/// The label of @p code among @p choices (the code itself when it is none of them: a column's name).
QString labelOf(const QVariantList &choices, const QString &code)
{
    for (const QVariant &each : choices) {
        if (each.toList().value(1).toString() == code)
            return each.toList().value(0).toString();
    }
    return code;
}

} // namespace

ImportDialog::ImportDialog(Source source, const QString &filePath, const QString &boardPath,
                           const StoreOptions &options, QWidget *parent)
    : QDialog(parent)
    , m_source(source)
    , m_filePath(filePath)
    , m_boardPath(boardPath)
    , m_options(options)
{
    setObjectName(QStringLiteral("importDialog"));
    setWindowTitle(source == Source::Trello ? tr("Import a Trello Board") : tr("Import Tickets from a CSV File"));
    resize(860, 620);
    auto *layout = new QVBoxLayout(this);
    m_pages = new QStackedWidget(this);
    layout->addWidget(m_pages, 1);

    // Reading
    auto *reading = new QWidget;
    auto *readingLayout = new QVBoxLayout(reading);
    m_readingLabel = new QLabel(tr("Reading %1…").arg(QFileInfo(filePath).fileName()));
    m_readingLabel->setTextFormat(Qt::PlainText);
    auto *busy = new QProgressBar;
    busy->setRange(0, 0);
    readingLayout->addStretch();
    readingLayout->addWidget(m_readingLabel);
    readingLayout->addWidget(busy);
    readingLayout->addStretch();
    m_pages->addWidget(reading);

    // Mapping (a CSV's)
    auto *mapping = new QWidget;
    auto *mappingLayout = new QVBoxLayout(mapping);
    mappingLayout->setContentsMargins(0, 0, 0, 0);
    m_fileLabel = new QLabel;
    m_fileLabel->setTextFormat(Qt::PlainText);
    m_fileLabel->setWordWrap(true);
    mappingLayout->addWidget(m_fileLabel);
    m_preview = new QTableView;
    m_preview->setObjectName(QStringLiteral("importPreview"));
    m_preview->setAccessibleName(tr("The file's first rows"));
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->setWordWrap(false);
    m_preview->verticalHeader()->setDefaultSectionSize(m_preview->fontMetrics().height() + 6);
    m_previewModel = new QStandardItemModel(this);
    m_preview->setModel(m_previewModel);
    mappingLayout->addWidget(m_preview, 2);
    auto *below = new QHBoxLayout;
    auto *fields = new QFormLayout;
    fields->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (csvimport::Field field : csvimport::fields()) {
        auto *box = new QComboBox;
        box->setObjectName(QStringLiteral("map_") + csvimport::key(field));
        box->setAccessibleName(csvimport::label(field));
        fields->addRow(csvimport::label(field) + u':', box);
        m_fieldBoxes << box;
        connect(box, &QComboBox::currentIndexChanged, this, [this] {
            fillValues();
            m_group->setEnabled(m_fieldBoxes.at(int(csvimport::Field::Id))->currentIndex() > 0);
        });
    }
    below->addLayout(fields, 1);
    auto *right = new QVBoxLayout;
    auto *valuesLabel = new QLabel(tr("What the values mean (double-click or F2 to change):"));
    right->addWidget(valuesLabel);
    m_values = new QTableView;
    m_values->setObjectName(QStringLiteral("importValues"));
    m_values->setAccessibleName(tr("What the values mean"));
    m_valuesModel = new QStandardItemModel(0, 3, this);
    m_valuesModel->setHorizontalHeaderLabels({tr("Field"), tr("In the file"), tr("Means")});
    m_values->setModel(m_valuesModel);
    m_values->setItemDelegateForColumn(2, new ChoiceDelegate(m_values));
    m_values->horizontalHeader()->setStretchLastSection(true);
    m_values->verticalHeader()->hide();
    m_values->setSelectionBehavior(QAbstractItemView::SelectRows);
    valuesLabel->setBuddy(m_values);
    right->addWidget(m_values, 1);
    auto *choices = new QFormLayout;
    m_dateFormat = new QLineEdit;
    m_dateFormat->setObjectName(QStringLiteral("importDateFormat"));
    m_dateFormat->setPlaceholderText(tr("as each date is written (ISO, 3/14/2024, 14-03-2024 …)"));
    m_dateFormat->setToolTip(tr("One format for every date, as Qt writes it: dd.MM.yyyy HH:mm"));
    choices->addRow(tr("&Dates:"), m_dateFormat);
    m_group = new QCheckBox(tr("&Rows with the same ticket number are one ticket (keep its last state)"));
    m_group->setObjectName(QStringLiteral("importGroup"));
    choices->addRow(m_group);
    right->addLayout(choices);
    below->addLayout(right, 1);
    mappingLayout->addLayout(below, 3);
    m_pages->addWidget(mapping);

    // Review, Importing, Done
    auto *reviewPage = new QWidget;
    auto *reviewLayout = new QVBoxLayout(reviewPage);
    reviewLayout->addWidget(new QLabel(tr("Importing would do this (nothing is written yet):")));
    m_reviewText = new QPlainTextEdit;
    m_reviewText->setObjectName(QStringLiteral("importReview"));
    m_reviewText->setReadOnly(true);
    m_reviewText->setAccessibleName(tr("What the import would do"));
    reviewLayout->addWidget(m_reviewText, 1);
    m_update = new QCheckBox;
    m_update->setObjectName(QStringLiteral("importUpdate"));
    reviewLayout->addWidget(m_update);
    m_pages->addWidget(reviewPage);

    auto *importing = new QWidget;
    auto *importingLayout = new QVBoxLayout(importing);
    m_progressLabel =
            new QLabel(tr("Importing… The board stays usable; colleagues' saves wait a moment while the cards "
                          "go in. Cancel leaves the board as it was."));
    m_progressLabel->setWordWrap(true);
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("importProgress"));
    importingLayout->addStretch();
    importingLayout->addWidget(m_progressLabel);
    importingLayout->addWidget(m_progress);
    importingLayout->addStretch();
    m_pages->addWidget(importing);

    auto *done = new QWidget;
    auto *doneLayout = new QVBoxLayout(done);
    doneLayout->addWidget(new QLabel(tr("What the import did:")));
    m_doneText = new QPlainTextEdit;
    m_doneText->setObjectName(QStringLiteral("importSummary"));
    m_doneText->setReadOnly(true);
    m_doneText->setAccessibleName(tr("What the import did"));
    doneLayout->addWidget(m_doneText);
    m_pages->addWidget(done);

    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("importError"));
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: palette(bright-text); background: #b3261e; padding: 6px;"));
    m_error->hide();
    layout->addWidget(m_error);

    auto *buttons = new QDialogButtonBox;
    m_back = buttons->addButton(tr("&Back"), QDialogButtonBox::ActionRole);
    m_next = buttons->addButton(tr("&Next"), QDialogButtonBox::AcceptRole);
    m_next->setObjectName(QStringLiteral("importNext"));
    m_cancelButton = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancelButton->setObjectName(QStringLiteral("importCancel"));
    layout->addWidget(buttons);
    connect(m_back, &QPushButton::clicked, this, [this] { setPage(Page::Mapping); });
    connect(m_next, &QPushButton::clicked, this, [this] {
        switch (page()) {
        case Page::Mapping:
            review();
            break;
        case Page::Review:
            startImport();
            break;
        case Page::Done:
            accept();
            break;
        default:
            break;
        }
    });
    connect(m_cancelButton, &QPushButton::clicked, this, &ImportDialog::reject);

    connect(&m_csvReading, &QFutureWatcherBase::finished, this, [this] {
        const auto table = m_csvReading.result();
        if (!table)
            return fail(table.error().message);
        m_table = *table;
        m_guess = csvimport::guess(m_table);
        showMapping();
    });
    // The plan (a Trello file read, or a CSV as mapped), made in the background, then its dry run.
    connect(&m_planning, &QFutureWatcherBase::finished, this, [this] {
        const auto plan = m_planning.result();
        if (!plan && m_source == Source::Csv) { // back to the mapping, to change it
            setPage(Page::Mapping);
            m_error->setText(plan.error().message);
            m_error->show();
            return;
        }
        if (!plan)
            return fail(plan.error().message);
        m_plan = *plan;
        run(true);
    });
    connect(&m_running, &QFutureWatcherBase::finished, this, [this] { showOutcome(m_running.result(), m_dryRun); });
    setPage(Page::Reading);
    read();
}

ImportDialog::~ImportDialog()
{
    // Closed mid-way: the import stops at its next hundred cards and rolls back.
    m_cancel->store(true);
    m_running.waitForFinished();
    m_csvReading.waitForFinished();
    m_planning.waitForFinished();
}

ImportDialog::Page ImportDialog::page() const
{
    return Page(m_pages->currentIndex());
}

void ImportDialog::setPage(Page page)
{
    m_pages->setCurrentIndex(int(page));
    const bool csv = m_source == Source::Csv;
    m_back->setVisible(csv && page == Page::Review);
    m_next->setVisible(page == Page::Mapping || page == Page::Review || page == Page::Done);
    m_next->setText(page == Page::Review ? tr("&Import") : page == Page::Done ? tr("Close") : tr("&Next"));
    m_next->setEnabled(true);
    m_next->setDefault(true);
    m_cancelButton->setVisible(page != Page::Done);
    m_cancelButton->setEnabled(true); // (after a cancel that ended otherwise: there is something to close)
    if (page == Page::Mapping)
        m_fieldBoxes.value(int(csvimport::Field::Title))->setFocus();
    else if (page == Page::Review || page == Page::Done)
        m_next->setFocus();
}

void ImportDialog::fail(const QString &message)
{
    m_error->setText(tr("%1: %2").arg(QFileInfo(m_filePath).fileName(), message));
    m_error->show();
    if (page() == Page::Reading || page() == Page::Importing) {
        m_readingLabel->setText(tr("Nothing was imported."));
        m_pages->setCurrentIndex(int(Page::Reading));
        m_next->hide();
        m_cancelButton->setText(tr("Close"));
        m_cancelButton->setEnabled(true);
    }
}

void ImportDialog::read()
{
    const QString path = m_filePath;
    if (m_source == Source::Csv)
        m_csvReading.setFuture(QtConcurrent::run([path] { return csv::readFile(path); }));
    else
        m_planning.setFuture(QtConcurrent::run([path] { return trelloimport::readFile(path); }));
}

void ImportDialog::showMapping()
{
    m_fileLabel->setText(
            tr("%1: %2 rows (%3, “%4” between fields). Say which column holds each field; what is not "
               "mapped is not imported.")
                    .arg(QFileInfo(m_filePath).fileName())
                    .arg(m_table.rows.size())
                    .arg(m_table.encoding, m_table.delimiter == u'\t' ? tr("tab") : QString(m_table.delimiter)));
    m_previewModel->clear();
    m_previewModel->setHorizontalHeaderLabels(m_table.header);
    for (int row = 0; row < std::min<qsizetype>(s_previewRows, m_table.rows.size()); ++row) {
        QList<QStandardItem *> items;
        for (const QString &field : m_table.rows.at(row).fields) {
            QString shown = field;
            shown.replace(u'\n', u' ').replace(u'\r', u' ');
            auto *item = new QStandardItem(shown.left(200));
            item->setToolTip(field.left(1000));
            items << item;
        }
        m_previewModel->appendRow(items);
        m_previewModel->setVerticalHeaderItem(row, new QStandardItem(QString::number(m_table.rows.at(row).line)));
    }
    m_preview->resizeColumnsToContents();
    for (int column = 0; column < m_previewModel->columnCount(); ++column)
        m_preview->setColumnWidth(column, std::min(m_preview->columnWidth(column), 260));
    const QList<csvimport::Field> all = csvimport::fields();
    for (qsizetype i = 0; i < all.size(); ++i) {
        QComboBox *box = m_fieldBoxes.at(i);
        const QSignalBlocker quiet(box);
        box->clear();
        box->addItem(tr("— not imported —"));
        box->addItems(m_table.header);
        box->setCurrentIndex(m_guess.columns.value(all.at(i), -1) + 1);
    }
    m_group->setChecked(m_guess.groupRows);
    m_group->setEnabled(m_guess.columns.contains(csvimport::Field::Id));
    fillValues();
    setPage(Page::Mapping);
}

void ImportDialog::fillValues()
{
    // What the person set already stays set.
    QHash<QString, QString> chosen;
    for (int row = 0; row < m_valuesModel->rowCount(); ++row) {
        chosen.insert(m_valuesModel->item(row, 0)->data(FieldRole).toString() + u'\x1f'
                              + m_valuesModel->item(row, 1)->text(),
                      m_valuesModel->item(row, 2)->data(CodeRole).toString());
    }
    m_valuesModel->removeRows(0, m_valuesModel->rowCount());
    const QVariantList priorities{
            choice(tr("Critical"), QStringLiteral("critical")), choice(tr("High"), QStringLiteral("high")),
            choice(tr("Normal"), QStringLiteral("normal")), choice(tr("Low"), QStringLiteral("low"))};
    const QVariantList channels{
            choice(tr("No channel"), QStringLiteral("none")),      choice(tr("Email"), QStringLiteral("email")),
            choice(tr("Phone"), QStringLiteral("phone")),          choice(tr("Chat"), QStringLiteral("chat")),
            choice(tr("Walk-in"), QStringLiteral("walk-in")),      choice(tr("Portal"), QStringLiteral("portal")),
            choice(tr("Monitoring"), QStringLiteral("monitoring"))};
    for (csvimport::Field field : {csvimport::Field::Status, csvimport::Field::Priority, csvimport::Field::Channel}) {
        const int column = m_fieldBoxes.at(int(field))->currentIndex() - 1;
        if (column < 0)
            continue;
        for (const QString &value : csvimport::distinctValues(m_table, column, s_maxValuesShown)) {
            QString meaning;
            QVariantList choices;
            if (field == csvimport::Field::Status) {
                choices = statusChoices();
                const auto guessed = m_guess.statusValues.contains(value)
                                             ? std::optional(m_guess.statusValues.value(value))
                                             : csvimport::guessStatus(value);
                meaning = guessed ? statusText(*guessed) : QStringLiteral("todo");
            } else if (field == csvimport::Field::Priority) {
                choices = priorities;
                meaning = m_guess.priorityValues.contains(value) ? toText(m_guess.priorityValues.value(value))
                                                                 : QStringLiteral("normal");
            } else {
                choices = channels;
                meaning = m_guess.channelValues.contains(value) ? toText(m_guess.channelValues.value(value))
                                                                : QStringLiteral("none");
                if (meaning.isEmpty())
                    meaning = QStringLiteral("none");
            }
            const QString key = csvimport::key(field);
            meaning = chosen.value(key + u'\x1f' + value, meaning);
            auto *name = new QStandardItem(csvimport::label(field));
            name->setData(key, FieldRole);
            name->setEditable(false);
            auto *shown = new QStandardItem(value);
            shown->setEditable(false);
            auto *means = new QStandardItem(labelOf(choices, meaning));
            means->setData(meaning, CodeRole);
            means->setData(choices, ChoicesRole);
            m_valuesModel->appendRow({name, shown, means});
        }
    }
    m_values->resizeColumnsToContents();
}

csvimport::Mapping ImportDialog::mappingShown() const
{
    csvimport::Mapping mapping;
    const QList<csvimport::Field> all = csvimport::fields();
    for (qsizetype i = 0; i < all.size(); ++i) {
        if (const int column = m_fieldBoxes.at(i)->currentIndex() - 1; column >= 0)
            mapping.columns.insert(all.at(i), column);
    }
    for (int row = 0; row < m_valuesModel->rowCount(); ++row) {
        const QString field = m_valuesModel->item(row, 0)->data(FieldRole).toString();
        const QString value = m_valuesModel->item(row, 1)->text();
        const QString meaning = m_valuesModel->item(row, 2)->data(CodeRole).toString();
        (void)csvimport::mapValue(mapping, field + u':' + value + u'=' + meaning); // (each choice is one it reads)
    }
    mapping.dateFormat = m_dateFormat->text().trimmed();
    mapping.groupRows = m_group->isEnabled() && m_group->isChecked();
    return mapping;
}

void ImportDialog::review()
{
    m_error->hide();
    m_readingLabel->setText(tr("Working out what the import would do…"));
    m_pages->setCurrentIndex(int(Page::Reading));
    m_next->hide();
    m_planning.setFuture(
            QtConcurrent::run([table = m_table, mapping = mappingShown(), name = QFileInfo(m_filePath).fileName()] {
                return csvimport::plan(table, mapping, name);
            }));
}

void ImportDialog::run(bool dryRun)
{
    m_dryRun = dryRun;
    m_cancel->store(false);
    m_error->hide();
    m_next->setEnabled(false);
    if (!dryRun) {
        m_progress->setRange(0, int(std::max<qsizetype>(1, m_plan.cards.size())));
        m_progress->setValue(0);
        setPage(Page::Importing);
    } else {
        m_readingLabel->setText(tr("Working out what the import would do…"));
        m_pages->setCurrentIndex(int(Page::Reading));
        m_next->hide();
    }
    boardimport::Options options;
    options.dryRun = dryRun;
    options.reimport = m_update->isChecked() ? ReimportMode::Update : ReimportMode::Skip;
    const QPointer<ImportDialog> self(this);
    const auto cancel = m_cancel;
    options.progress = [self, cancel](qint64 done, qint64 total) {
        QMetaObject::invokeMethod(
                qApp,
                [self, done, total] {
                    if (self && self->page() == Page::Importing) {
                        self->m_progress->setMaximum(int(total));
                        self->m_progress->setValue(int(done));
                    }
                },
                Qt::QueuedConnection);
        return !cancel->load();
    };
    m_running.setFuture(QtConcurrent::run(
            [path = m_boardPath, storeOptions = m_options, plan = m_plan, options, cancel]() -> Outcome {
                auto store = BoardStore::open(path, storeOptions);
                if (!store)
                    return store.error();
                // Cancel also stops waiting for colleagues' saves.
                (*store)->setGiveUp([cancel] { return cancel->load(); });
                return boardimport::apply(**store, plan, options);
            }));
}

void ImportDialog::showOutcome(const Outcome &outcome, bool dryRun)
{
    if (!outcome) {
        if (!dryRun && boardimport::isCancellation(outcome.error())) {
            m_doneText->setPlainText(tr("The import was cancelled; the board is as it was."));
            setPage(Page::Done);
            return;
        }
        fail(outcome.error().message);
        if (dryRun && m_source == Source::Csv) // back to the mapping, to change it
            setPage(Page::Mapping);
        return;
    }
    if (dryRun) {
        m_reviewText->setPlainText(outcome->lines().join(u'\n'));
        const int changed = outcome->changedSkipped + outcome->updated;
        m_update->setVisible(changed > 0);
        m_update->setText(tr("&Update the cards imported before that the source has changed since (%1)").arg(changed));
        setPage(Page::Review);
        m_next->setEnabled(outcome->created > 0 || (changed > 0));
        return;
    }
    m_doneText->setPlainText(outcome->lines().join(u'\n'));
    setPage(Page::Done);
    if (outcome->created || outcome->updated)
        Q_EMIT imported(*outcome);
}

void ImportDialog::startImport()
{
    run(false);
}

void ImportDialog::reject()
{
    if (page() == Page::Importing && m_running.isRunning()) {
        // Stops at its next hundred cards; the outcome says "cancelled" once it has rolled back.
        m_cancel->store(true);
        m_progressLabel->setText(tr("Cancelling… nothing of the import stays."));
        m_cancelButton->setEnabled(false);
        return;
    }
    QDialog::reject();
}

} // namespace hb::app
