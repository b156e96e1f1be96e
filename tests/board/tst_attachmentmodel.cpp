// SPDX-License-Identifier: GPL-3.0-or-later
#include <board/model/attachmentmodel.h>

#include <QAbstractItemModelTester>
#include <QColor>
#include <QSignalSpy>
#include <QTest>

using namespace hb;

namespace {

storage::Attachment file(qint64 id, qint64 at, const QString &name, qint64 size = 2048,
                         const QString &mime = QStringLiteral("application/pdf"))
{
    storage::Attachment attachment;
    attachment.id = id;
    attachment.cardId = 7;
    attachment.name = name;
    attachment.size = size;
    attachment.mimeType = mime;
    attachment.sha256 = QByteArray::number(id).repeated(8);
    attachment.state = storage::AttachmentState::Ready;
    attachment.createdAt = at;
    attachment.createdBy = QStringLiteral("ben");
    return attachment;
}

QStringList names(const QAbstractItemModel &model)
{
    QStringList result;
    for (int row = 0; row < model.rowCount(); ++row)
        result << model.index(row, 0).data().toString();
    return result;
}

} // namespace

class tst_AttachmentModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldShowACardsAttachmentsWithWhoWhenAndSize()
    {
        board::AttachmentModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        storage::Attachment link = file(3, 3000, QStringLiteral("diagram.vsdx"), 0, QString());
        link.kind = storage::AttachmentKind::Link;
        link.linkPath = QStringLiteral("/srv/share/net/diagram.vsdx");
        link.sha256.clear();
        model.setAttachments(7, {file(1, 1000, QStringLiteral("manual.pdf"), 6 * 1024 * 1024), link});
        QCOMPARE(model.cardId(), 7);
        QCOMPARE(names(model), (QStringList{QStringLiteral("manual.pdf"), QStringLiteral("diagram.vsdx")}));
        const QModelIndex manual = model.index(0, 0);
        QCOMPARE(manual.data(board::AttachmentModel::IdRole).toLongLong(), 1);
        QCOMPARE(manual.data(board::AttachmentModel::IsLinkRole).toBool(), false);
        QCOMPARE(manual.data(board::AttachmentModel::SizeRole).toLongLong(), 6 * 1024 * 1024);
        QCOMPARE(manual.data(board::AttachmentModel::CreatedByRole).toString(), QStringLiteral("ben"));
        QVERIFY(manual.data(board::AttachmentModel::DetailsRole).toString().startsWith(u"6.0 MB · ben · "));
        QVERIFY(manual.data(Qt::ToolTipRole).toString().contains(u"application/pdf"));
        const QModelIndex diagram = model.index(1, 0);
        QVERIFY(diagram.data(board::AttachmentModel::IsLinkRole).toBool());
        QCOMPARE(diagram.data(board::AttachmentModel::LinkRole).toString(), link.linkPath);
        QVERIFY(diagram.data(board::AttachmentModel::DetailsRole).toString().startsWith(u"Link · ben"));
        QVERIFY(diagram.data(Qt::ToolTipRole).toString().contains(link.linkPath));
        QVERIFY(manual.data(board::AttachmentModel::ThumbnailRole).value<QImage>().isNull());
        // who attached it, by the board's display name once the model knows the names (as the editor's does)
        model.setNameOf([](const QString &login) { return login == u"ben" ? QStringLiteral("Ben Okafor") : login; });
        QVERIFY(manual.data(board::AttachmentModel::DetailsRole).toString().startsWith(u"6.0 MB · Ben Okafor · "));
        QCOMPARE(manual.data(board::AttachmentModel::CreatedByRole).toString(), QStringLiteral("ben"));
    }

    void shouldChangeRowByRowForTheSameCardAndResetForAnother()
    {
        board::AttachmentModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setAttachments(7, {file(1, 1000, QStringLiteral("a")), file(2, 2000, QStringLiteral("b"))});
        QPersistentModelIndex held = model.index(1, 0);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        // A new one arrives (after b), a removal shown at once, then the file's list
        model.setAttachments(7, {file(1, 1000, QStringLiteral("a")), file(2, 2000, QStringLiteral("b")),
                                 file(4, 4000, QStringLiteral("d"))});
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(names(model), (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("d")}));
        model.showRemoved(1);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(held.row(), 0);
        // Undo brings one back in its place among them (by time)
        model.setAttachments(7, {file(1, 1000, QStringLiteral("a")), file(2, 2000, QStringLiteral("b")),
                                 file(4, 4000, QStringLiteral("d"))});
        QCOMPARE(names(model), (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("d")}));
        QCOMPARE(held.row(), 1);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(model.row(4), 2);
        QCOMPARE(model.row(99), -1);
        model.showRemoved(99); // not there: nothing happens
        // Another card: a reset
        model.setAttachments(8, {file(9, 1, QStringLiteral("z"))});
        QCOMPARE(reset.count(), 1);
        QCOMPARE(names(model), QStringList{QStringLiteral("z")});
    }

    void shouldShowAThumbnailOnEveryAttachmentWithThatContent()
    {
        board::AttachmentModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        storage::Attachment one = file(1, 1, QStringLiteral("shot.png"), 100, QStringLiteral("image/png"));
        storage::Attachment same = file(2, 2, QStringLiteral("copy of shot.png"), 100, QStringLiteral("image/png"));
        same.sha256 = one.sha256;
        model.setAttachments(7, {one, same, file(3, 3, QStringLiteral("other.pdf"))});
        QVERIFY(!model.hasThumbnail(one.sha256));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QImage image(96, 60, QImage::Format_RGB32);
        image.fill(Qt::red);
        model.setThumbnail(one.sha256, image);
        QCOMPARE(changed.count(), 2);
        QVERIFY(model.hasThumbnail(one.sha256));
        QCOMPARE(model.index(0, 0).data(board::AttachmentModel::ThumbnailRole).value<QImage>().size(), QSize(96, 60));
        QCOMPARE(model.index(1, 0).data(Qt::DecorationRole).value<QImage>().size(), QSize(96, 60));
        QVERIFY(model.index(2, 0).data(board::AttachmentModel::ThumbnailRole).value<QImage>().isNull());
        // Kept for the next card that has the same picture
        model.setAttachments(8, {same});
        QVERIFY(!model.index(0, 0).data(board::AttachmentModel::ThumbnailRole).value<QImage>().isNull());
    }
};

QTEST_GUILESS_MAIN(tst_AttachmentModel)
#include "tst_attachmentmodel.moc"
