package io.conveyor.registry;

/** Avro schemas the registry tests evolve. */
final class Schemas {

    static final String USER_V1 = """
            {"type":"record","name":"User","namespace":"test","fields":[{"name":"name","type":"string"}]}""";
    /** Adds a field with a default: backward and forward compatible with V1. */
    static final String USER_V2 = """
            {"type":"record","name":"User","namespace":"test","fields":[{"name":"name","type":"string"},
             {"name":"age","type":"int","default":0}]}""";
    /** Adds a field without a default: V2 readers of V1 data have no value for it. */
    static final String USER_NO_DEFAULT = """
            {"type":"record","name":"User","namespace":"test","fields":[{"name":"name","type":"string"},
             {"name":"email","type":"string"}]}""";
    /** Requires "age": readable from V2 data (which has it) but not from V1 data (which lacks it). */
    static final String USER_AGE_REQUIRED = """
            {"type":"record","name":"User","namespace":"test","fields":[{"name":"name","type":"string"},
             {"name":"age","type":"int"}]}""";

    private Schemas() {
    }
}
