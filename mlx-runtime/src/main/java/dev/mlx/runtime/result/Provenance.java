package dev.mlx.runtime.result;

import com.google.gson.annotations.SerializedName;
import dev.mlx.runtime.result.JsonShape.Nullable;
import dev.mlx.runtime.result.JsonShape.Tag;
import dev.mlx.runtime.result.JsonShape.Tagged;
import java.util.List;
import java.util.Map;

/**
 * Tribuo's provenance of the selected model in OLCUT's marshalled form, with OLCUT's own key names
 * (so that {@code ProvenanceUtil.unmarshalProvenance} of OLCUT's JSON reader takes it as it is): an
 * array of objects, the model first, then what it refers to. Past a size it is written beside
 * run.json instead, and run.json says where.
 */
public sealed interface Provenance permits Provenance.Objects, Provenance.InFile {
    /** The marshalled objects, written as a bare array. */
    record Objects(List<MarshalledObject> objects) implements Provenance {
        public Objects {
            objects = List.copyOf(objects);
        }
    }

    /** The provenance is in {@code file} beside run.json: so many objects, so many bytes. */
    record InFile(String file, int objects, long bytes) implements Provenance {
    }

    /** OLCUT's {@code ObjectMarshalledProvenance}. */
    record MarshalledObject(@SerializedName("marshalled-class") String marshalledClass,
                            @SerializedName("object-name") String objectName,
                            @SerializedName("object-class-name") String objectClassName,
                            @SerializedName("provenance-class") String provenanceClass, Map<String, MarshalledValue> map) {
        public MarshalledObject {
            map = Copies.map(map);
        }
    }

    /** OLCUT's flat marshalled values, told apart by their class. */
    @Tagged("marshalled-class")
    sealed interface MarshalledValue permits SimpleValue, ListValue, MapValue {
    }

    /** A primitive, or a reference ({@code is-reference}) to another object by its {@code object-name}. */
    @Tag("com.oracle.labs.mlrg.olcut.provenance.io.SimpleMarshalledProvenance")
    record SimpleValue(@SerializedName("marshalled-class") String marshalledClass, String key, @Nullable String value,
                       @SerializedName("provenance-class") String provenanceClass, @Nullable String additional,
                       @SerializedName("is-reference") boolean isReference) implements MarshalledValue {
    }

    @Tag("com.oracle.labs.mlrg.olcut.provenance.io.ListMarshalledProvenance")
    record ListValue(@SerializedName("marshalled-class") String marshalledClass, List<MarshalledValue> list)
            implements MarshalledValue {
        public ListValue {
            list = List.copyOf(list);
        }
    }

    @Tag("com.oracle.labs.mlrg.olcut.provenance.io.MapMarshalledProvenance")
    record MapValue(@SerializedName("marshalled-class") String marshalledClass, Map<String, MarshalledValue> map)
            implements MarshalledValue {
        public MapValue {
            map = Copies.map(map);
        }
    }
}
