package dev.mlx.runtime;

import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import com.oracle.labs.mlrg.olcut.provenance.io.FlatMarshalledProvenance;
import com.oracle.labs.mlrg.olcut.provenance.io.ListMarshalledProvenance;
import com.oracle.labs.mlrg.olcut.provenance.io.MapMarshalledProvenance;
import com.oracle.labs.mlrg.olcut.provenance.io.ObjectMarshalledProvenance;
import com.oracle.labs.mlrg.olcut.provenance.io.SimpleMarshalledProvenance;
import com.oracle.labs.mlrg.olcut.util.Pair;
import dev.mlx.runtime.result.Provenance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;

/**
 * Tribuo's record of how a model was made (trainer and hyperparameters, data source, feature and
 * output domains, versions, training time), marshalled by OLCUT and held as {@link Provenance}
 * records, which run.json writes in the JSON form OLCUT's own reader takes (the keys and nesting of
 * {@code JsonProvenanceSerialization}), without OLCUT's JSON module and its Jackson.
 */
final class TribuoProvenance {
    private TribuoProvenance() {
    }

    static List<Provenance.MarshalledObject> of(Model<?> model) {
        List<Provenance.MarshalledObject> out = new ArrayList<>();
        for (ObjectMarshalledProvenance o : ProvenanceUtil.marshalProvenance(model.getProvenance())) {
            out.add(new Provenance.MarshalledObject(ObjectMarshalledProvenance.class.getName(), o.getName(), o.getObjectClassName(),
                    o.getProvenanceClassName(), values(o.getMap())));
        }
        return out;
    }

    private static Map<String, Provenance.MarshalledValue> values(Map<String, FlatMarshalledProvenance> map) {
        Map<String, Provenance.MarshalledValue> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, value(v)));
        return out;
    }

    private static Provenance.MarshalledValue value(FlatMarshalledProvenance v) {
        if (v instanceof SimpleMarshalledProvenance s) {
            return new Provenance.SimpleValue(SimpleMarshalledProvenance.class.getName(), s.getKey(), s.getValue(),
                    s.getProvenanceClassName(), s.getAdditional(), s.isReference());
        }
        if (v instanceof ListMarshalledProvenance l) {
            List<Provenance.MarshalledValue> items = new ArrayList<>();
            for (FlatMarshalledProvenance x : l) {
                items.add(value(x));
            }
            return new Provenance.ListValue(ListMarshalledProvenance.class.getName(), items);
        }
        if (v instanceof MapMarshalledProvenance m) {
            Map<String, Provenance.MarshalledValue> entries = new LinkedHashMap<>();
            for (Pair<String, FlatMarshalledProvenance> p : m) {
                entries.put(p.getA(), value(p.getB()));
            }
            return new Provenance.MapValue(MapMarshalledProvenance.class.getName(), entries);
        }
        throw new IllegalStateException("unexpected marshalled provenance " + v.getClass().getName());
    }
}
