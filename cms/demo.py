"""The demo site: a home page as the root of the default Wagtail site."""

from wagtail.models import Page, Site

from cms.models import HomePage


def load(*, stdout, groups=None) -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(
                title="Cổng tiếp nhận phản ánh, kiến nghị ngành Y tế",
                slug="trang-chu",
                intro=(
                    "Người dân gửi phản ánh, kiến nghị, khiếu nại, tố cáo về cơ sở y tế, "
                    "theo dõi hồ sơ và đánh giá kết quả giải quyết."
                ),
            )
        )
        stdout.write("Đã tạo trang chủ.")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save(update_fields=["root_page"])
    # Wagtail's own welcome page is replaced by ours.
    Page.objects.filter(depth=2, slug="home").exclude(pk=home.pk).delete()
    return home
