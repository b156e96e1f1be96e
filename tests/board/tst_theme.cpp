// SPDX-License-Identifier: GPL-3.0-or-later
// The colours HelpBoard marks things with (theme.h): readable on light and dark palettes alike.
#include <board/widgets/common/theme.h>

#include <QPalette>
#include <QTest>

using namespace hb::board;

Q_DECLARE_METATYPE(theme::Mark)

namespace {

QPalette paletteWithBase(const QColor &base)
{
    QPalette palette;
    palette.setColor(QPalette::Base, base);
    return palette;
}

/// WCAG's relative luminance, to compare how well two colours read on each other.
double luminance(const QColor &color)
{
    const auto channel = [](double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

class tst_Theme : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldKeepMarksReadableOnLightAndDarkBases_data()
    {
        QTest::addColumn<theme::Mark>("mark");
        QTest::newRow("danger") << theme::Mark::Danger;
        QTest::newRow("warning") << theme::Mark::Warning;
        QTest::newRow("changed") << theme::Mark::Changed;
        QTest::newRow("review") << theme::Mark::Review;
        QTest::newRow("info") << theme::Mark::Info;
    }

    void shouldKeepMarksReadableOnLightAndDarkBases()
    {
        QFETCH(theme::Mark, mark);
        const QPalette light = paletteWithBase(QColor(0xff, 0xff, 0xff));
        const QPalette dark = paletteWithBase(QColor(0x2b, 0x2b, 0x2b));
        QVERIFY(!theme::isDark(light));
        QVERIFY(theme::isDark(dark));
        // On a light base a mark is its own colour; on a dark one it is lighter, and reads better than it would be
        QCOMPARE(theme::onBase(mark, light), theme::fill(mark));
        const QColor onDark = theme::onBase(mark, dark);
        QVERIFY(onDark.lightness() > theme::fill(mark).lightness());
        const QColor base = dark.color(QPalette::Base);
        QVERIFY2(contrast(onDark, base) > contrast(theme::fill(mark), base),
                 qPrintable(QStringLiteral("%1 on %2").arg(onDark.name(), base.name())));
        QVERIFY2(contrast(onDark, base) >= 3.0, qPrintable(QString::number(contrast(onDark, base))));
    }

    void shouldPutTextOnFillsByTheirLightness_data()
    {
        QTest::addColumn<QColor>("fill");
        QTest::addColumn<QColor>("text");
        const QColor white(Qt::white);
        const QColor black(Qt::black);
        // HelpBoard's own fills are saturated mid tones: white text on most (the look of the cards' pills and
        // avatars), black on the orange of "high" and the grey of "low"; at a contrast of at least 2.5:1 each
        QTest::newRow("critical") << theme::priority(QStringLiteral("critical")) << white;
        QTest::newRow("high") << theme::priority(QStringLiteral("high")) << black;
        QTest::newRow("normal") << theme::priority(QStringLiteral("normal")) << white;
        QTest::newRow("low") << theme::priority(QStringLiteral("low")) << black;
        for (const char *status : {"in-progress", "needs-review", "blocked"})
            QTest::newRow(status) << theme::status(QString::fromLatin1(status)) << white;
        for (const char *login : {"alice", "ben", "vera", "tech01", "tech02", "tech03", "tech04"})
            QTest::newRow(login) << theme::avatar(QString::fromLatin1(login)) << white;
        // light colours (a label someone picked) take black
        QTest::newRow("banner") << theme::bannerBackground() << black;
        QTest::newRow("white") << white << black;
        QTest::newRow("yellow") << QColor(0xf1, 0xc4, 0x0f) << black;
        QTest::newRow("light green") << QColor(0x9b, 0xe5, 0x9b) << black;
        QTest::newRow("black") << black << white;
        QTest::newRow("navy") << QColor(0x1a, 0x23, 0x7e) << white;
    }

    void shouldPutTextOnFillsByTheirLightness()
    {
        QFETCH(QColor, fill);
        QFETCH(QColor, text);
        QCOMPARE(theme::textOn(fill), text);
        QVERIFY2(contrast(text, fill) >= 2.5, qPrintable(QString::number(contrast(text, fill))));
    }

    void shouldMarkPrioritiesAndStatusesAsTheirMeaning()
    {
        QCOMPARE(theme::priority(QStringLiteral("critical")), theme::fill(theme::Mark::Danger));
        QCOMPARE(theme::priority(QStringLiteral("high")), theme::fill(theme::Mark::Warning));
        QCOMPARE(theme::status(QStringLiteral("blocked")), theme::fill(theme::Mark::Danger));
        QCOMPARE(theme::status(QStringLiteral("needs-review")), theme::fill(theme::Mark::Review));
        QCOMPARE(theme::status(QStringLiteral("in-progress")), theme::fill(theme::Mark::Info));
        // normal and low are told apart from each other and from the marks
        QVERIFY(theme::priority(QStringLiteral("normal")) != theme::priority(QStringLiteral("low")));
        QVERIFY(theme::priority(QStringLiteral("low")) != theme::fill(theme::Mark::Danger));
        // the banner's text reads on it
        QVERIFY(contrast(theme::bannerText(), theme::bannerBackground()) >= 7.0);
    }

    void shouldGiveEachPersonOneColour()
    {
        QSet<QRgb> seen;
        for (int i = 0; i < 40; ++i)
            seen << theme::avatar(QStringLiteral("tech%1").arg(i)).rgb();
        QVERIFY2(seen.size() >= 4, "forty people share fewer than four colours");
    }
};

QTEST_GUILESS_MAIN(tst_Theme)
#include "tst_theme.moc"
