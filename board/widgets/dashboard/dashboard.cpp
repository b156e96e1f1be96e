// SPDX-License-Identifier: GPL-3.0-or-later
#include "dashboard.h"

#include "chartpanel.h"

#include <board/metrics/text.h>
#include <board/rules/cardfields.h>
#include <board/widgets/dialogs/helpwindows.h>

#include <QAbstractButton>
#include <QComboBox>
#include <QDateEdit>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPainter>
#include <QScrollArea>
#include <QTimeZone>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>
#include <numeric>

namespace hb::board {

using metrics::Slice;

namespace {

constexpr int s_rereadMs = 1000; ///< a burst of changes is read once, this long after the last

const QColor s_blue(0x38, 0x74, 0xcb);
const QColor s_green(0x2e, 0x9d, 0x57);
const QColor s_orange(0xe0, 0x8a, 0x1e);

/// @p ids in the order of their @p names, as people look things up.
QList<qint64> byName(QList<qint64> ids, const QHash<qint64, QString> &names)
{
    std::sort(ids.begin(), ids.end(),
              [&names](qint64 a, qint64 b) { return names.value(a).localeAwareCompare(names.value(b)) < 0; });
    return ids;
}

/// The names of @p ids and their @p counts, in that order: a chart's categories and bars.
std::pair<QStringList, QList<double>> namedCounts(const QList<qint64> &ids, const QHash<qint64, QString> &names,
                                                  const QHash<qint64, int> &counts)
{
    std::pair<QStringList, QList<double>> bars;
    for (qint64 id : ids) {
        // A chart drops a repeated name (a removed target's may be a live one's): told apart by a number.
        QString name = names.value(id);
        for (int n = 2; bars.first.contains(name); ++n)
            name = QStringLiteral("%1 (%2)").arg(names.value(id)).arg(n);
        bars.first << name;
        bars.second << counts.value(id);
    }
    return bars;
}

/// A headline figure: the value large, what it is below; a click (or Space or Enter) shows its tickets.
class TileButton final : public QAbstractButton
{
public:
    explicit TileButton(QWidget *parent)
        : QAbstractButton(parent)
    {
        setFocusPolicy(Qt::StrongFocus);
        setCursor(Qt::PointingHandCursor);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    }

    void setCaption(const QString &caption) { m_caption = caption; }
    void setFigure(const QString &value)
    {
        m_value = value;
        setAccessibleName(Dashboard::tr("%1: %2").arg(m_caption, value));
        updateGeometry();
        update();
    }
    QString value() const { return m_value; }

    QSize sizeHint() const override
    {
        const QFontMetrics small(font());
        return {std::max(small.horizontalAdvance(m_caption) + 16, 96), valueFont().pixelSize() + small.height() + 18};
    }
    QSize minimumSizeHint() const override { return {80, sizeHint().height()}; }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        const QPalette &colors = palette();
        QColor frame = colors.color(QPalette::WindowText);
        frame.setAlpha(hasFocus() ? 200 : underMouse() ? 110 : 45);
        painter.setPen(QPen(frame, hasFocus() ? 2 : 1));
        painter.setBrush(isDown() ? colors.alternateBase() : colors.base());
        painter.drawRoundedRect(QRectF(rect()).adjusted(1, 1, -1, -1), 6, 6);
        painter.setPen(colors.color(QPalette::Text));
        painter.setFont(valueFont());
        const QRect inside = rect().adjusted(8, 5, -8, -5);
        painter.drawText(inside, Qt::AlignLeft | Qt::AlignTop, m_value);
        painter.setFont(font());
        QColor caption = colors.color(QPalette::Text);
        caption.setAlpha(190);
        painter.setPen(caption);
        painter.drawText(inside, Qt::AlignLeft | Qt::AlignBottom,
                         QFontMetrics(font()).elidedText(m_caption, Qt::ElideRight, inside.width()));
    }
    void keyPressEvent(QKeyEvent *event) override
    {
        if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
            click();
            return;
        }
        QAbstractButton::keyPressEvent(event);
    }
    void enterEvent(QEnterEvent *event) override
    {
        update();
        QAbstractButton::enterEvent(event);
    }
    void leaveEvent(QEvent *event) override
    {
        update();
        QAbstractButton::leaveEvent(event);
    }

private:
    QFont valueFont() const
    {
        QFont large = font();
        large.setPixelSize(QFontMetrics(font()).height() * 3 / 2 + 2);
        large.setBold(true);
        return large;
    }

    QString m_value;
    QString m_caption;
};

} // namespace

Dashboard::Dashboard(QWidget *parent)
    : QWidget(parent)
    , m_changed(new QTimer(this))
{
    setObjectName(QStringLiteral("dashboard"));
    m_changed->setSingleShot(true);
    m_changed->setInterval(s_rereadMs);
    connect(m_changed, &QTimer::timeout, this, &Dashboard::reload);
    connect(&m_reading, &QFutureWatcher<storage::Result<metrics::Dataset>>::finished, this, &Dashboard::takeRead);

    // The period and the view: one row above everything.
    m_rangeBox = new QComboBox(this);
    m_rangeBox->setObjectName(QStringLiteral("dashboardRange"));
    m_rangeBox->setAccessibleName(tr("Period"));
    for (const auto &[range, text] :
         {std::pair{Range::Last7Days, tr("Last 7 days")}, std::pair{Range::Last30Days, tr("Last 30 days")},
          std::pair{Range::Last90Days, tr("Last 90 days")}, std::pair{Range::ThisMonth, tr("This month")},
          std::pair{Range::LastMonth, tr("Last month")}, std::pair{Range::Custom, tr("Days…")}}) {
        m_rangeBox->addItem(text, int(range));
    }
    m_rangeBox->setCurrentIndex(m_rangeBox->findData(int(m_range)));
    m_fromEdit = new QDateEdit(this);
    m_toEdit = new QDateEdit(this);
    for (QDateEdit *edit : {m_fromEdit, m_toEdit}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        edit->hide();
        connect(edit, &QDateEdit::dateChanged, this, [this] {
            if (m_range == Range::Custom)
                setRange(Range::Custom, m_fromEdit->date(), m_toEdit->date());
        });
    }
    m_fromEdit->setObjectName(QStringLiteral("dashboardFrom"));
    m_fromEdit->setAccessibleName(tr("From"));
    m_toEdit->setObjectName(QStringLiteral("dashboardTo"));
    m_toEdit->setAccessibleName(tr("To"));
    connect(m_rangeBox, &QComboBox::activated, this,
            [this] { setRange(Range(m_rangeBox->currentData().toInt()), m_fromEdit->date(), m_toEdit->date()); });
    m_tablesButton = new QToolButton(this);
    m_tablesButton->setObjectName(QStringLiteral("dashboardTables"));
    m_tablesButton->setText(tr("Tables"));
    m_tablesButton->setToolTip(tr("Show every chart's numbers as a table (for screen readers, and to copy them)"));
    m_tablesButton->setCheckable(true);
    connect(m_tablesButton, &QToolButton::toggled, this, [this](bool on) {
        for (ChartPanel *chart : std::as_const(m_charts))
            chart->setShowTable(on);
    });
    auto *definitions = new QToolButton(this);
    definitions->setObjectName(QStringLiteral("dashboardDefinitions"));
    definitions->setText(tr("Definitions"));
    definitions->setToolTip(tr("How every figure is worked out: which tickets, from which event to which"));
    connect(definitions, &QToolButton::clicked, this, [this] {
        auto *dialog = new UserGuideDialog(this, QStringLiteral(":/help/metrics.md"), tr("HelpBoard Metrics"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    auto *exportButton = new QToolButton(this);
    exportButton->setObjectName(QStringLiteral("dashboardExport"));
    exportButton->setText(tr("Export"));
    exportButton->setToolTip(tr("Save these figures as a PDF report, or as CSV files for a spreadsheet"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    auto *exportMenu = new QMenu(exportButton);
    exportMenu->addAction(tr("&PDF Report…"), this, &Dashboard::askExportPdf);
    exportMenu->addAction(tr("&CSV Files…"), this, &Dashboard::askExportCsv);
    exportButton->setMenu(exportMenu);
    auto *controls = new QHBoxLayout;
    controls->addWidget(m_rangeBox);
    controls->addWidget(m_fromEdit);
    controls->addWidget(m_toEdit);
    controls->addStretch(1);
    controls->addWidget(m_tablesButton);
    controls->addWidget(exportButton);
    controls->addWidget(definitions);

    m_scope = new QLabel(this);
    m_scope->setObjectName(QStringLiteral("dashboardScope"));
    m_scope->setTextFormat(Qt::PlainText);
    m_scope->setWordWrap(true);

    auto *content = new QWidget;
    auto *column = new QVBoxLayout(content);
    column->setContentsMargins(0, 0, 4, 0);
    m_tiles = new QGridLayout;
    m_tiles->setSpacing(6);
    column->addLayout(m_tiles);
    addTile(QStringLiteral("tileOpen"), tr("Open"),
            tr("Tickets open at the end of the period (now, if it has not ended)"), {Slice::Backlog});
    addTile(QStringLiteral("tileOverdue"), tr("Overdue"), tr("Open tickets past their due date"), {Slice::Overdue});
    addTile(QStringLiteral("tileUnassigned"), tr("Unassigned"), tr("Open tickets nobody is on"), {Slice::Unassigned});
    addTile(QStringLiteral("tileBreached"), tr("SLA breached"),
            tr("Open tickets past their response or resolution target"), {Slice::Breached});
    addTile(QStringLiteral("tileResponse"), tr("First response"),
            tr("Median wall-clock time from creation to the first response, of the tickets answered in the period"),
            {Slice::Responded});
    addTile(QStringLiteral("tileResolution"), tr("Resolution"),
            tr("Median wall-clock time from creation to the final resolution, of the tickets resolved in the period"),
            {Slice::Resolved});
    addTile(QStringLiteral("tileFirstContact"), tr("First contact"),
            tr("First-contact resolution: of the tickets resolved in the period, the share resolved at first contact: "
               "ticked so when resolved, or without the tick by phone, chat or walk-in, by whoever answered first, "
               "never reassigned or escalated; never one reopened"),
            {Slice::FirstContact});
    addTile(QStringLiteral("tileWithin24h"), tr("Within 24 h"),
            tr("Of the tickets resolved in the period, the share first resolved within 24 hours of their creation"),
            {Slice::Within24h});

    m_others = new QLabel(this);
    m_others->setObjectName(QStringLiteral("dashboardOthers"));
    m_others->setTextFormat(Qt::PlainText);
    m_others->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_others->setWordWrap(true);
    column->addWidget(m_others);

    ChartPanel *flow = addChart(QStringLiteral("createdResolved"), tr("Created and resolved"),
                                tr("Tickets created, and tickets finally resolved, on each day (each week over 62 "
                                   "days) of the period"),
                                int(ChartPanel::Bars::Up));
    flow->activated = [this](int set, int bucket) {
        const QString day =
                QLocale().toString(QDateTime::fromMSecsSinceEpoch(m_period.buckets.value(bucket), m_data.zone()).date(),
                                   QLocale::ShortFormat);
        drill({set == 0 ? Slice::CreatedInBucket : Slice::ResolvedInBucket, bucket},
              (set == 0 ? tr("Created from %1") : tr("Resolved from %1")).arg(day));
    };
    addChart(QStringLiteral("perChannel"), tr("Volume per channel"),
             tr("Tickets created in the period, by the channel they came in by"), int(ChartPanel::Bars::Across))
            ->activated = [this](int, int channel) {
        drill({Slice::CreatedOnChannel, channel}, tr("Created by %1").arg(channelText(storage::Channel(channel))));
    };
    addChart(QStringLiteral("perLabel"), tr("Volume per label"),
             tr("Tickets created in the period, by label (a ticket with two labels counts for both)"),
             int(ChartPanel::Bars::Across))
            ->activated = [this](int, int index) {
        const qint64 id = m_labelIds.value(index);
        drill({Slice::CreatedWithLabel, id}, tr("Created with label %1").arg(m_data.labelNames.value(id)));
    };
    addChart(QStringLiteral("resolutionTimes"), tr("Resolution time"),
             tr("Tickets finally resolved in the period, by wall-clock time from creation to resolution"),
             int(ChartPanel::Bars::Up))
            ->activated = [this](int, int bin) {
        drill({Slice::ResolvedInTime, bin}, tr("Resolved in %1").arg(metrics::resolutionBinText(bin)));
    };
    addChart(QStringLiteral("backlogAges"), tr("Backlog by age"),
             tr("Tickets open at the end of the period, by how long they had been open then"),
             int(ChartPanel::Bars::Up))
            ->activated = [this](int, int bin) {
        drill({Slice::BacklogOfAge, bin}, tr("Open for %1").arg(metrics::ageBinText(bin)));
    };
    addChart(QStringLiteral("technicians"), tr("Load per technician"),
             tr("Open: tickets open at the end of the period, assigned to them now. Resolved: tickets finally "
                "resolved in the period, assigned to them then"),
             int(ChartPanel::Bars::AcrossStacked))
            ->activated = [this](int set, int index) {
        const QString who = m_technicianNames.value(index);
        drill({set == 0 ? Slice::OpenWith : Slice::ResolvedBy, 0, who},
              (set == 0 ? tr("Open with %1") : tr("Resolved by %1")).arg(metrics::technicianText(who)));
    };
    addChart(QStringLiteral("attainment"), tr("SLA attainment per priority"),
             tr("Of the tickets finally resolved in the period, the share whose resolution clock met its target, and "
                "the share whose response clock did"),
             int(ChartPanel::Bars::Up))
            ->activated = [this](int, int priority) {
        drill({Slice::ResolvedAtPriority, priority},
              tr("Resolved, %1 priority").arg(priorityText(storage::Priority(priority))));
    };
    addChart(QStringLiteral("escalations"), tr("Escalations per target"),
             tr("Tickets created in the period and escalated, by whom they were escalated to"),
             int(ChartPanel::Bars::Across))
            ->activated = [this](int, int index) {
        const qint64 id = m_targetIds.value(index);
        drill({Slice::Escalated, id}, tr("Escalated to %1").arg(m_data.targetNames.value(id)));
    };
    addChart(QStringLiteral("articles"), tr("Solved with an article"),
             tr("Tickets finally resolved in the period and linked to a knowledge-base article (Solved with This), by "
                "article"),
             int(ChartPanel::Bars::Across))
            ->activated = [this](int, int index) {
        const qint64 id = m_articleIds.value(index);
        drill({Slice::SolvedWithArticle, id}, tr("Solved with “%1”").arg(m_data.articleTitles.value(id)));
    };
    for (ChartPanel *chart : std::as_const(m_charts))
        column->addWidget(chart);
    auto *phone = new QLabel(tr("Hold time, abandon rate and talk time are figures of a telephone queue: a board "
                                "cannot know them, so they are not shown."),
                             this);
    phone->setWordWrap(true);
    phone->setEnabled(false);
    column->addWidget(phone);
    column->addStretch(1);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_scope);
    layout->addWidget(scroll, 1);
    setRange(m_range);
}

Dashboard::~Dashboard() = default;

QAbstractButton *Dashboard::addTile(const QString &name, const QString &caption, const QString &definition,
                                    const Slice &slice)
{
    auto *tile = new TileButton(this);
    tile->setObjectName(name);
    tile->setToolTip(definition);
    tile->setAccessibleDescription(definition);
    tile->setCaption(caption);
    tile->setFigure(QStringLiteral("–"));
    connect(tile, &QAbstractButton::clicked, this, [this, slice, caption] { drill(slice, caption); });
    const int index = int(m_tileButtons.size());
    m_tiles->addWidget(tile, index / 4, index % 4);
    m_tileButtons << tile;
    return tile;
}

ChartPanel *Dashboard::addChart(const QString &name, const QString &title, const QString &definition, int bars)
{
    auto *chart = new ChartPanel(name, title, definition, ChartPanel::Bars(bars), this);
    m_charts << chart;
    return chart;
}

void Dashboard::setReader(Reader reader)
{
    m_reader = std::move(reader);
    ++m_generation;
    m_stale = true;
    m_data = {};
    m_read = false;
    if (isVisible())
        reload();
}

void Dashboard::setFilter(const CardFilter &filter, const CardFilter::Context &context, const QString &described)
{
    // Its own drill-down is the board's business: the figures stay those of the board's filter. So a drill-down,
    // which comes back here from the bar's click, changes nothing (and rebuilds no chart in the click's midst).
    CardFilter figures = filter;
    figures.cardIds.reset();
    figures.cardIdsName.clear();
    const bool same = figures.toMap() == m_filter.toMap() && figures.searchIds == m_filter.searchIds
                      && context.login == m_context.login;
    m_filter = figures;
    m_context = context;
    m_described = described;
    if (m_read && !same)
        recompute();
}

void Dashboard::setRange(Range range, QDate from, QDate to)
{
    m_range = range;
    const int index = m_rangeBox->findData(int(range));
    if (m_rangeBox->currentIndex() != index)
        m_rangeBox->setCurrentIndex(index);
    const QDate today = m_read ? m_data.today() : QDate::currentDate();
    if (range == Range::Custom) {
        m_from = from.isValid() ? from : today.addDays(-29);
        m_to = to.isValid() ? to : today;
        if (m_from > m_to)
            std::swap(m_from, m_to);
    }
    for (QDateEdit *edit : {m_fromEdit, m_toEdit}) {
        const QSignalBlocker quiet(edit);
        edit->setDate(edit == m_fromEdit ? m_from : m_to);
        edit->setVisible(range == Range::Custom);
    }
    if (m_read)
        recompute();
}

void Dashboard::boardChanged()
{
    if (isVisible())
        m_changed->start();
    else
        m_stale = true;
}

void Dashboard::reload()
{
    m_changed->stop();
    m_stale = false;
    if (!m_reader) {
        m_data = {};
        m_read = false;
        m_readError.clear();
        m_rows.clear();
        m_scope->setText(tr("No board is open."));
        return;
    }
    // The board is read on a thread of the pool, with a connection of the reader's own: at 100,000 tickets the first
    // read takes seconds, and the window goes on meanwhile; later ones read what changed. One read at a time; changes
    // meanwhile read again after it.
    if (m_reading.isRunning()) {
        m_again = true;
        return;
    }
    if (!m_read)
        m_scope->setText(tr("Reading the board…"));
    m_readGeneration = m_generation;
    m_reading.setFuture(QtConcurrent::run(m_reader, m_read ? m_data : metrics::Dataset()));
}

void Dashboard::takeRead()
{
    auto read = m_reading.future().takeResult();
    if (m_readGeneration != m_generation) { // read for the board before this one
        reload();
        return;
    }
    if (m_again) {
        m_again = false;
        m_changed->start();
    }
    if (!read) {
        // What was read before stays, said to be old; the next change tries again.
        m_readError = read.error().message;
        m_stale = true;
        if (!m_read) {
            m_scope->setText(tr("The board could not be read: %1").arg(m_readError));
            return;
        }
    } else {
        m_readError.clear();
        m_data = std::move(read).value();
        m_read = true;
    }
    recompute();
}

void Dashboard::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        reload();
}

void Dashboard::recompute()
{
    const QDate today = m_data.today();
    switch (m_range) {
    case Range::Last7Days:
        m_from = today.addDays(-6), m_to = today;
        break;
    case Range::Last30Days:
        m_from = today.addDays(-29), m_to = today;
        break;
    case Range::Last90Days:
        m_from = today.addDays(-89), m_to = today;
        break;
    case Range::ThisMonth:
        m_from = QDate(today.year(), today.month(), 1), m_to = today;
        break;
    case Range::LastMonth:
        m_to = QDate(today.year(), today.month(), 1).addDays(-1);
        m_from = QDate(m_to.year(), m_to.month(), 1);
        break;
    case Range::Custom:
        break;
    }
    for (QDateEdit *edit : {m_fromEdit, m_toEdit}) {
        const QSignalBlocker quiet(edit);
        edit->setDate(edit == m_fromEdit ? m_from : m_to);
    }
    m_period = m_data.period(m_from, m_to);
    m_rows.clear();
    m_indexes.clear();
    if (m_filter.isEmpty()) {
        m_rows = m_data.rows; // (shared, not copied)
        m_indexes.resize(m_rows.size());
        std::iota(m_indexes.begin(), m_indexes.end(), 0);
    } else {
        // The filter's "now" is the read's, and its SLA rules read the clocks of the read (archived cards' too).
        CardFilter::Context context = m_context;
        context.now = m_data.now;
        context.slaState = [this](qint64 id) { return m_data.slaStates.value(id); };
        for (qsizetype i = 0; i < m_data.rows.size(); ++i) {
            if (m_filter.matches(m_data.cards.at(i), context)) {
                m_rows << m_data.rows.at(i);
                m_indexes << i;
            }
        }
    }
    m_summary = metrics::summarize(m_rows, m_period, m_data.now);
    showFigures();
    Q_EMIT updated();
}

QString Dashboard::periodText() const
{
    const QLocale locale;
    return tr("%1 – %2").arg(locale.toString(m_from, QLocale::ShortFormat),
                             locale.toString(m_to, QLocale::ShortFormat));
}

void Dashboard::showFigures()
{
    using metrics::durationText;
    using metrics::percentText;
    using metrics::shareText;
    const metrics::Summary &s = m_summary;
    QStringList scope{tr("%1 (%2)").arg(periodText(), QString::fromUtf8(m_data.timeZone)),
                      tr("%n ticket(s)", nullptr, int(m_rows.size()))};
    if (!m_described.isEmpty())
        scope << tr("filtered: %1").arg(m_described);
    if (!m_readError.isEmpty())
        scope << tr("not up to date: %1").arg(m_readError);
    m_scope->setText(scope.join(QStringLiteral(" · ")));

    const QStringList figures{QString::number(s.backlog),
                              QString::number(s.overdue),
                              QString::number(s.unassigned),
                              m_data.clocksProblem.isEmpty() ? QString::number(s.breached) : tr("no data"),
                              durationText(s.response.median),
                              durationText(s.resolution.median),
                              percentText(s.firstContact.value()),
                              percentText(s.within24h.value())};
    for (qsizetype i = 0; i < m_tileButtons.size(); ++i) {
        static_cast<TileButton *>(m_tileButtons.at(i))->setFigure(figures.value(i));
    }

    QStringList others{
            tr("Created %1, resolved %2: resolution rate %3")
                    .arg(s.created)
                    .arg(s.resolved)
                    .arg(percentText(s.resolutionRate)),
            tr("First response: median %1, 90% %2; in business time %3, 90% %4")
                    .arg(durationText(s.response.median), durationText(s.response.p90),
                         durationText(s.businessResponse.median), durationText(s.businessResponse.p90)),
            tr("Resolution: median %1, 90% %2; in business time %3, 90% %4")
                    .arg(durationText(s.resolution.median), durationText(s.resolution.p90),
                         durationText(s.businessResolution.median), durationText(s.businessResolution.p90)),
            tr("Answered within target: %1").arg(shareText(s.responseRate)),
            tr("Handle time (in Doing): median %1, 90% %2")
                    .arg(durationText(s.handle.median), durationText(s.handle.p90)),
            tr("First-level resolution: %1").arg(shareText(s.firstLevel)),
            tr("Escalation rate: %1").arg(shareText(s.escalated)),
            tr("Reopen rate: %1").arg(shareText(s.reopened)),
            tr("Solved with a knowledge-base article: %1").arg(shareText(s.solvedWithArticle)),
    };
    if (s.leftOut)
        others << tr("%n ticket(s) left out of the times: a writer's clock was wrong", nullptr, s.leftOut);
    if (!m_data.clocksProblem.isEmpty())
        others << tr("No business times or SLA results: %1").arg(m_data.clocksProblem);
    m_others->setText(others.join(u'\n'));

    const QTimeZone zone = m_data.zone();
    QStringList buckets;
    for (qint64 start : m_period.buckets) {
        const QDate day = QDateTime::fromMSecsSinceEpoch(start, zone).date();
        buckets << QLocale().toString(day, QStringLiteral("MMM d")); // (unique: a chart drops a repeated name)
    }
    const auto asValues = [](const QList<int> &counts) {
        QList<double> values;
        for (int count : counts)
            values << count;
        return values;
    };
    m_charts.at(0)->setData(buckets, {{tr("Created"), asValues(s.createdPerBucket), s_blue},
                                      {tr("Resolved"), asValues(s.resolvedPerBucket), s_green}});

    QStringList channels;
    QList<double> perChannel;
    for (const storage::Channel channel :
         {storage::Channel::None, storage::Channel::Email, storage::Channel::Phone, storage::Channel::Chat,
          storage::Channel::WalkIn, storage::Channel::Portal, storage::Channel::Monitoring}) {
        channels << channelText(channel);
        perChannel << s.createdPerChannel.value(channel);
    }
    m_charts.at(1)->setData(channels, {{tr("Created"), perChannel, s_blue}});

    m_labelIds = byName(m_data.labelNames.keys(), m_data.labelNames);
    const auto [labels, perLabel] = namedCounts(m_labelIds, m_data.labelNames, s.createdPerLabel);
    m_charts.at(2)->setData(labels, {{tr("Created"), perLabel, s_blue}});

    QStringList times;
    for (int bin = 0; bin < metrics::s_resolutionBins; ++bin)
        times << metrics::resolutionBinText(bin);
    m_charts.at(3)->setData(times, {{tr("Resolved"), asValues(s.resolutionByTime), s_green}});

    QStringList ages;
    for (int bin = 0; bin < metrics::s_ageBins; ++bin)
        ages << metrics::ageBinText(bin);
    m_charts.at(4)->setData(ages, {{tr("Open"), asValues(s.backlogByAge), s_orange}});

    // People by name, nobody last; bars across read top down in the order given.
    m_technicianNames = s.technicians.keys();
    if (m_technicianNames.removeOne(QString()))
        m_technicianNames << QString();
    QStringList technicians;
    QList<double> open;
    QList<double> resolved;
    for (const QString &login : std::as_const(m_technicianNames)) {
        technicians << metrics::technicianText(login);
        open << s.technicians.value(login).open;
        resolved << s.technicians.value(login).resolved;
    }
    m_charts.at(5)->setData(technicians, {{tr("Open"), open, s_orange}, {tr("Resolved"), resolved, s_green}});

    QStringList priorities;
    QList<double> resolutionMet;
    QList<double> responseMet;
    const auto percent = [](const metrics::Share &share) {
        const auto value = share.value();
        return value ? *value * 100 : std::nan("");
    };
    for (const storage::Priority priority :
         {storage::Priority::Critical, storage::Priority::High, storage::Priority::Normal, storage::Priority::Low}) {
        priorities << priorityText(priority);
        resolutionMet << percent(s.attainment.value(priority).resolution);
        responseMet << percent(s.attainment.value(priority).response);
    }
    m_charts.at(6)->setData(priorities,
                            {{tr("Resolution met"), resolutionMet, s_green}, {tr("Response met"), responseMet, s_blue}},
                            QStringLiteral("%"));

    m_targetIds = byName(s.escalatedPerTarget.keys(), m_data.targetNames);
    const auto [targets, perTarget] = namedCounts(m_targetIds, m_data.targetNames, s.escalatedPerTarget);
    m_charts.at(7)->setData(targets, {{tr("Escalated"), perTarget, s_orange}});

    // The articles that helped most first (the chart lists them in order of their names otherwise), ten at most.
    QList<qint64> articles = s.solvedPerArticle.keys();
    std::sort(articles.begin(), articles.end(), [&](qint64 a, qint64 b) {
        const int byCount = s.solvedPerArticle.value(b) - s.solvedPerArticle.value(a);
        return byCount != 0 ? byCount < 0
                            : m_data.articleTitles.value(a).localeAwareCompare(m_data.articleTitles.value(b)) < 0;
    });
    m_articleIds = articles.mid(0, 10);
    // Titles are sentences: cut to what the chart's axis shows whole (the drill-down names the article in full).
    constexpr int s_titleChars = 26;
    QHash<qint64, QString> shortTitles;
    for (qint64 id : std::as_const(m_articleIds)) {
        const QString title = m_data.articleTitles.value(id);
        shortTitles.insert(id, title.size() > s_titleChars ? title.left(s_titleChars - 1).trimmed() + QChar(0x2026)
                                                           : title);
    }
    const auto [titles, perArticle] = namedCounts(m_articleIds, shortTitles, s.solvedPerArticle);
    m_charts.at(8)->setData(titles, {{tr("Solved"), perArticle, s_green}});
}

void Dashboard::drill(const Slice &slice, const QString &what)
{
    QSet<qint64> ids;
    int archived = 0;
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (metrics::inSlice(m_rows.at(i), slice, m_period, m_data.now)) {
            ids.insert(m_rows.at(i).cardId);
            archived += m_data.cards.at(m_indexes.at(i)).archivedAt ? 1 : 0;
        }
    }
    Q_EMIT drillDown(ids, tr("%1, %2").arg(what, periodText()), archived);
}

} // namespace hb::board
