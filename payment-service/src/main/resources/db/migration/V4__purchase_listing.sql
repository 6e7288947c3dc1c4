-- Each purchase with what became of it, for the listings and their filters. The status: disputed (a dispute is
-- open), dispute_lost, refunded (all its money given back), partially_refunded, or paid.
create view purchase_listing as
select p.*,
       coalesce(r.credits, 0) as refunded_credits,
       coalesce(r.refunded_minor, 0) as refunded_minor,
       case
           when exists (select 1 from dispute d where d.purchase_id = p.purchase_id and d.status = 'open') then 'disputed'
           when exists (select 1 from dispute d where d.purchase_id = p.purchase_id and d.status = 'lost') then 'dispute_lost'
           when coalesce(r.refunded_minor, 0) >= p.amount_minor then 'refunded'
           when coalesce(r.refunded_minor, 0) > 0 then 'partially_refunded'
           else 'paid'
       end as status
from purchase p
left join (select purchase_id, sum(credits) as credits, max(cumulative_refunded_minor) as refunded_minor
           from refund group by purchase_id) r on r.purchase_id = p.purchase_id;
