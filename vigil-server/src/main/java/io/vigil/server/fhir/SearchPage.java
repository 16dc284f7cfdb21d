package io.vigil.server.fhir;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.server.method.ResponsePage;
import jakarta.annotation.Nonnull;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.InstantType;

/**
 * One page of a search, already cut by offset. HAPI builds the self, next and previous links from the offset and
 * size given here ({@code _offset}/{@code _count}, with the search's own parameters), so paging keeps no state on the
 * server: a next link works on any node and after a restart. Stored observations are only ever added, so a reading
 * that arrives while a client pages can shift a later page by one (an entry seen twice), never hide one.
 */
final class SearchPage implements IBundleProvider {
    private final List<IBaseResource> resources;
    private final Paging paging;
    private final Integer total;
    private final boolean more;
    private final InstantType published = InstantType.now();
    private final String uuid = UUID.randomUUID().toString();

    /**
     * @param resources the page's resources
     * @param paging    where the page starts and how long a page is
     * @param total     how many match in all, or null when the client asked for {@code _total=none}
     * @param more      whether resources follow this page
     */
    SearchPage(List<? extends IBaseResource> resources, Paging paging, Integer total, boolean more) {
        this.resources = List.copyOf(resources);
        this.paging = paging;
        this.total = total;
        this.more = more && paging.count() > 0; // _count=0 asks for the total only: no page follows
    }

    /** A page cut from a complete, ordered result list (patients, devices: small sets). */
    static SearchPage of(List<? extends IBaseResource> all, Paging paging, boolean withTotal) {
        int from = Math.min(paging.offset(), all.size());
        int to = Math.min(from + paging.count(), all.size());
        return new SearchPage(all.subList(from, to), paging, withTotal ? all.size() : null, to < all.size());
    }

    /** A result that is never paged ($lastn): everything on one page. */
    static SearchPage whole(List<? extends IBaseResource> all) {
        return new SearchPage(all, new Paging(0, all.size()), all.size(), false);
    }

    @Override
    public Integer getCurrentPageOffset() {
        return paging.offset();
    }

    @Override
    public Integer getCurrentPageSize() {
        return paging.count();
    }

    @Override
    public String getNextPageId() {
        return more ? Integer.toString(paging.offset() + paging.count()) : null;
    }

    @Override
    public String getPreviousPageId() {
        return paging.offset() > 0 ? Integer.toString(Math.max(0, paging.offset() - paging.count())) : null;
    }

    @Override
    public IPrimitiveType<Date> getPublished() {
        return published;
    }

    @Nonnull
    @Override
    public List<IBaseResource> getResources(int fromIndex, int toIndex, @Nonnull ResponsePage.ResponsePageBuilder page) {
        // HAPI asks for "everything" of an offset page; say how many were fetched so it never invents a next link.
        page.setTotalRequestedResourcesFetched(resources.size() + (more ? 1 : 0));
        int from = Math.min(Math.max(fromIndex, 0), resources.size());
        int to = Math.min(Math.max(toIndex, from), resources.size());
        return resources.subList(from, to);
    }

    @Override
    public String getUuid() {
        return uuid;
    }

    @Override
    public Integer preferredPageSize() {
        return paging.count();
    }

    @Override
    public Integer size() {
        return total;
    }
}
